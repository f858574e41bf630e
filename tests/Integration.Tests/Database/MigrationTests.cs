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
        "0018_interval_energy_days.sql",
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

    /// <summary>
    /// 0018 on a database that holds intervals in 0014's table: they move into day rows, and the interval_energy view
    /// and the analyst view read them back. Hand-made: m:AC 2026-03-02 at 00:00 (2 Wh), 10:00 (1 Wh), 23:59:59.123456
    /// (3 Wh) and 2026-03-03 00:00 (4 Wh) are two UTC days, offsets 0, 10 × 3600 × 10⁶ = 36,000,000,000 and
    /// 86,399,123,456 µs; m2 at 10:00+05:45 = 04:15Z is (4 × 3600 + 15 × 60) × 10⁶ = 15,300,000,000 µs. The session time
    /// zone is Helsinki (UTC+2), whose midnight is not the days'.
    /// </summary>
    [Fact]
    public async Task Intervals_stored_before_0018_move_into_day_rows_and_read_back_through_the_views()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_days");
        await TestDatabase.SetTimeZoneAsync(connectionString, "Europe/Helsinki");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = NewMigrator(dataSource);
        var all = DatabaseMigrator.LoadMigrations(typeof(DatabaseMigrator).Assembly);
        await migrator.MigrateAsync([.. all.Where(m => m.Version < 18)], CancellationToken.None);
        await TestDatabase.ExecuteAsync(connectionString, """
            INSERT INTO interval_energy (meter_id, interval_start, energy_wh) VALUES
                ('m:AC', '2026-03-02T10:00:00Z', 1), ('m:AC', '2026-03-02T00:00:00Z', 2), ('m:AC', '2026-03-02T23:59:59.123456Z', 3),
                ('m:AC', '2026-03-03T00:00:00Z', 4), ('m2', '2026-03-02T10:00:00+05:45', 5)
            """);

        Assert.Equal(["0018_interval_energy_days.sql"], await migrator.MigrateAsync(all, CancellationToken.None));

        Assert.Equal(
            "m2 2026-03-02 {15300000000} {5}; m:AC 2026-03-02 {0,36000000000,86399123456} {2,1,3}; m:AC 2026-03-03 {0} {4}",
            await TestDatabase.ScalarAsync<string>(connectionString, """
                SELECT string_agg(concat_ws(' ', meter_id, (day_start AT TIME ZONE 'UTC')::date, offsets, energy_wh), '; ' ORDER BY meter_id COLLATE "C", day_start)
                FROM interval_energy_days
                """));
        Assert.Equal(
            "m2 2026-03-02T04:15:00.000000 5; m:AC 2026-03-02T00:00:00.000000 2; m:AC 2026-03-02T10:00:00.000000 1; "
            + "m:AC 2026-03-02T23:59:59.123456 3; m:AC 2026-03-03T00:00:00.000000 4",
            await TestDatabase.ScalarAsync<string>(connectionString, """
                SELECT string_agg(concat_ws(' ', meter_id, to_char(interval_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), energy_wh),
                                  '; ' ORDER BY meter_id COLLATE "C", interval_start)
                FROM interval_energy
                """));
        Assert.Equal(5L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM analyst.interval_energy"));
        Assert.True(await TestDatabase.ScalarAsync<bool>(connectionString,
            "SELECT has_table_privilege('metergrains_analyst', 'analyst.interval_energy', 'SELECT')"));
        Assert.Equal("v", await TestDatabase.ScalarAsync<string>(connectionString,
            "SELECT relkind::text FROM pg_class WHERE oid = 'public.interval_energy'::regclass"));
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
