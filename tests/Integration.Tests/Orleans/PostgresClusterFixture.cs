using MeterGrains.Integration.Tests.Infrastructure;
using MeterGrains.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace MeterGrains.Integration.Tests.Orleans;

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "Orleans cluster on PostgreSQL";
}

/// <summary>
/// A two-silo test cluster whose membership, grain storage and reminders are the ADO.NET
/// providers on a fresh PostgreSQL database (Orleans' in-memory test membership is off).
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const string ConnectionStringKey = "MeterGrainsTests:Postgres";

    /// <summary>
    /// The database's sessions run in this zone, not UTC, for the whole collection: a timestamp
    /// stored without time zone anywhere would come back shifted by two or three hours.
    /// </summary>
    public const string SessionTimeZone = "Europe/Helsinki";

    public string ConnectionString { get; private set; } = "";

    public string ServiceId { get; } = "metergrains-tests";

    public string ClusterId { get; } = $"tests-{Guid.NewGuid():N}";

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateMigratedAsync("orleans");
        await TestDatabase.SetTimeZoneAsync(ConnectionString, SessionTimeZone);
        Cluster = await StartClusterAsync();
    }

    /// <summary>Stops every silo and the client, then starts a new cluster on the same database, ServiceId and ClusterId.</summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        Cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync() => await StopClusterAsync();

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        builder.Properties[ConnectionStringKey] = ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task StopClusterAsync()
    {
        if (Cluster is { } cluster)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static string ReadConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey]
        ?? throw new InvalidOperationException($"{ConnectionStringKey} is missing from the test cluster configuration.");

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = ReadConnectionString(siloBuilder.Configuration);
            siloBuilder.UsePostgresClusteringStorageAndReminders(connectionString);
            siloBuilder.AddAdoNetGrainStorage(DeleteOnClearCounterGrain.StorageName, options =>
            {
                options.Invariant = OrleansPostgresExtensions.Invariant;
                options.ConnectionString = connectionString;
                options.DeleteStateOnClear = true;
            });
            // Reminders must fire within seconds for the tests (the default minimum period is one minute).
            siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UsePostgresClustering(ReadConnectionString(configuration));
    }
}
