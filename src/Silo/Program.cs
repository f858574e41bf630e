using MeterGrains.Silo.Hosting;

// Minimal host so the Silo project builds; the role composition (grains, gateway, api) lives on main.
var builder = WebApplication.CreateBuilder(args);

var postgres = builder.Configuration.GetConnectionString("Postgres")
    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is required (see scripts/postgres.sh url).");

builder.Services.AddPostgresDatabase(postgres);
builder.UseOrleans(silo => silo.UsePostgresClusteringStorageAndReminders(postgres));

var app = builder.Build();
app.Run();
