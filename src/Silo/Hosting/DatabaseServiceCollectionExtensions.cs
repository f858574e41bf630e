using MeterGrains.Silo.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MeterGrains.Silo.Hosting;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL data source and the migration service that brings the schema up
    /// to date at start-up. Call it before <c>UseOrleans</c>: hosted services start in
    /// registration order, and the Orleans providers need the schema when the silo starts.
    /// </summary>
    public static IServiceCollection AddPostgresDatabase(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationService>();
        return services;
    }
}
