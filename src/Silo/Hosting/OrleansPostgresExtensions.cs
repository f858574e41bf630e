using MeterGrains.Silo.Storage;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MeterGrains.Silo.Hosting;

/// <summary>Wires the Orleans ADO.NET providers to PostgreSQL (schema: Database/Migrations).</summary>
public static class OrleansPostgresExtensions
{
    /// <summary>ADO.NET invariant name of the Npgsql driver, as the Orleans providers resolve it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Membership, grain storage <see cref="StorageNames.Postgres"/> and reminders, all in the
    /// PostgreSQL database named by <paramref name="connectionString"/>.
    /// </summary>
    public static ISiloBuilder UsePostgresClusteringStorageAndReminders(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        builder.AddAdoNetGrainStorage(StorageNames.Postgres, options =>
        {
            // The storage option defaults to SQL Server; the other two have no default.
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
        });
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return builder;
    }

    /// <summary>Finds gateways through the PostgreSQL membership table, for clients outside the cluster.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
