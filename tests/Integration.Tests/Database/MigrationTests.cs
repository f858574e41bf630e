using MeterGrains.Integration.Tests.Infrastructure;
using MeterGrains.Silo.Database;
using MeterGrains.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

public sealed class MigrationTests
{
    // Written out by hand, not read from the migrator, so a lost or renamed file fails here.
    private static readonly string[] ExpectedMigrations =
    [
        "0001_orleans_query_catalog.sql",
        "0002_orleans_clustering.sql",
        "0003_orleans_persistence.sql",
        "0004_orleans_reminders.sql",
        "0005_meter_readings.sql",
        "0006_alerts.sql",
        "0007_dead_letters.sql",
        "0008_devices.sql",
        "0009_device_commands.sql",
        "0010_analytics_results.sql",
        "0011_pseudonyms.sql",
        "0012_audit_log.sql",
        "0014_interval_energy.sql",
        "0015_household_directory.sql",
        "0016_exports.sql",
        "0017_analyst_views.sql",
    ];

    [Fact]
    public async Task Applying_twice_applies_nothing_the_second_time()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_twice");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = NewMigrator(dataSource);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(ExpectedMigrations, first);
        Assert.Empty(second);
        Assert.Equal(ExpectedMigrations, await ReadRecordedAsync(connectionString));
    }

    [Fact]
    public async Task Concurrent_migrators_on_a_fresh_database_apply_each_migration_once()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_race");
        // One data source each, like four silos starting at once.
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            var results = await Task.WhenAll(dataSources.Select(ds => NewMigrator(ds).MigrateAsync(CancellationToken.None)));

            Assert.Equal(ExpectedMigrations, results.SelectMany(r => r).Order(StringComparer.Ordinal));
            Assert.Equal(ExpectedMigrations, await ReadRecordedAsync(connectionString));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_changed_migration_file_is_refused_and_named()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_edit");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = NewMigrator(dataSource);
        await migrator.MigrateAsync(CancellationToken.None);

        var edited = DatabaseMigrator.LoadMigrations(typeof(DatabaseMigrator).Assembly)
            .Select(m => m.Name == "0003_orleans_persistence.sql"
                ? DatabaseMigrator.Migration.Create(m.Name, m.Sql + "\n-- edited after release\n")
                : m)
            .ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(edited, CancellationToken.None));
        Assert.Contains("0003_orleans_persistence.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_checksum_in_the_database_is_refused()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_tamper");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = NewMigrator(dataSource);
        await migrator.MigrateAsync(CancellationToken.None);
        await TestDatabase.ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 2");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(CancellationToken.None));
        Assert.Contains("0002_orleans_clustering.sql", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1_init.sql")]
    [InlineData("0001-init.sql")]
    [InlineData("0001_Init.sql")]
    [InlineData("0001_init.txt")]
    public void A_misnamed_migration_file_is_refused_and_named(string fileName)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseMigrator.Migration.Create(fileName, "SELECT 1;"));
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_one_number_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseMigrator.Order(
        [
            DatabaseMigrator.Migration.Create("0001_a.sql", "SELECT 1;"),
            DatabaseMigrator.Migration.Create("0001_b.sql", "SELECT 1;"),
        ]));
        Assert.Contains("0001_b.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosted_service_migrates_when_the_host_starts()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_host");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPostgresDatabase(connectionString);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(ExpectedMigrations, await ReadRecordedAsync(connectionString));
        Assert.Equal(21L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task A_warning_a_migration_raises_is_logged_with_the_migration_name()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_warn");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var logger = new RecordingLogger();
        var warns = DatabaseMigrator.Migration.Create("0001_warns.sql",
            "DO $$ BEGIN RAISE NOTICE 'just so'; RAISE WARNING 'an administrator must act'; END $$;");

        await new DatabaseMigrator(dataSource, logger).MigrateAsync([warns], CancellationToken.None);

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("0001_warns.sql", warning.Message, StringComparison.Ordinal);
        Assert.Contains("an administrator must act", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("just so", StringComparison.Ordinal));
    }

    private static DatabaseMigrator NewMigrator(NpgsqlDataSource dataSource) =>
        new(dataSource, NullLogger<DatabaseMigrator>.Instance);

    private static async Task<string[]> ReadRecordedAsync(string connectionString)
    {
        var names = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private sealed class RecordingLogger : ILogger<DatabaseMigrator>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
