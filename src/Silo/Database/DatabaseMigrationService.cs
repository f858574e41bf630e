using Microsoft.Extensions.Hosting;

namespace MeterGrains.Silo.Database;

/// <summary>
/// Brings the database schema up to date when the host starts. Registered before Orleans, so
/// the query catalog and tables exist before the silo's providers read them.
/// </summary>
public sealed class DatabaseMigrationService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
