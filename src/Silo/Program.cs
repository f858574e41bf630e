using MeterGrains.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeterGrainsSilo();

var app = builder.Build();
app.MapMeterGrainsEndpoints();
app.Run();

/// <summary>The silo host; public so tests can reference its assembly.</summary>
public partial class Program;
