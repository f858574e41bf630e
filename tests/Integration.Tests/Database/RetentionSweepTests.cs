using MeterGrains.Api.Audit;
using MeterGrains.Api.DeadLetters;
using MeterGrains.Gateway.DeadLetters;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

/// <summary>
/// The retention sweeps on PostgreSQL, with the clock fixed at 2026-12-08T00:00Z: rows before the cut-off go, in
/// batches of 10,000, rows at or after it stay; a retention of 0 deletes nothing.
/// </summary>
public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>Audit:RetentionDays</c> 365: the cut-off is 2025-12-08T00:00Z (365 days back, 2026 not a leap year).</summary>
    [Fact]
    public async Task Audit_entries_older_than_the_retention_are_deleted_in_batches_and_the_rest_stay()
    {
        var database = await TestDatabase.CreateMigratedAsync("audit_retention");
        await using var dataSource = NpgsqlDataSource.Create(database);
        // 25,000 entries in 2024 (three batches: 10,000, 10,000, 5,000), one a second before the cut-off, one at it,
        // one a second after it.
        await TestDatabase.ExecuteAsync(database, """
            INSERT INTO audit_log (at, actor, role, client_ip, method, path, status)
            SELECT timestamptz '2024-01-01T00:00:00Z' + g * interval '1 minute', 'ApiKey:old', 'operator', '192.0.2.1', 'PUT', '/api/v1/x', 200
            FROM generate_series(1, 25000) AS g
            """);
        foreach (var at in new[] { "2025-12-07T23:59:59Z", "2025-12-08T00:00:00Z", "2025-12-08T00:00:01Z" })
        {
            await TestDatabase.ExecuteAsync(database, $"INSERT INTO audit_log (at, client_ip, method, path, status) VALUES ('{at}', '192.0.2.2', 'PUT', '/api/v1/{at}', 200)");
        }

        var kept = AuditSweeper(dataSource, retentionDays: 0);
        Assert.Equal(0, await kept.SweepAsync(default));
        Assert.Equal(25_003L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM audit_log"));

        var sweeper = AuditSweeper(dataSource, retentionDays: 365);
        Assert.Equal(25_001, await sweeper.SweepAsync(default));
        Assert.Equal("2025-12-08T00:00:00Z 2025-12-08T00:00:01Z", await RemainingAsync(database, "audit_log", "at"));
        // A second sweep finds nothing more.
        Assert.Equal(0, await sweeper.SweepAsync(default));
    }

    /// <summary><c>DeadLetters:RetentionDays</c> 30: the cut-off is 2026-11-08T00:00Z, on <c>received_at</c>.</summary>
    [Fact]
    public async Task Dead_letters_received_before_the_retention_are_deleted_and_the_rest_stay()
    {
        var database = await TestDatabase.CreateMigratedAsync("dl_retention");
        await using var dataSource = NpgsqlDataSource.Create(database);
        foreach (var at in new[] { "2026-01-01T00:00:00Z", "2026-11-07T23:59:59Z", "2026-11-08T00:00:00Z", "2026-12-07T12:00:00Z" })
        {
            await TestDatabase.ExecuteAsync(database, $"INSERT INTO dead_letters (received_at, stage, reason, topic) VALUES ('{at}', 'decode', 'not JSON', 'meters/x/reading')");
        }

        var sweeper = new DeadLetterRetentionSweeper(
            dataSource, Options.Create(new DeadLetterStoreOptions { RetentionDays = 30 }), new FixedClock(Now), NullLogger<DeadLetterRetentionSweeper>.Instance);

        Assert.Equal(2, await sweeper.SweepAsync(default));
        Assert.Equal("2026-11-08T00:00:00Z 2026-12-07T12:00:00Z", await RemainingAsync(database, "dead_letters", "received_at"));
    }

    private static AuditRetentionSweeper AuditSweeper(NpgsqlDataSource dataSource, int retentionDays) =>
        new(dataSource, Options.Create(new AuditOptions { RetentionDays = retentionDays }), new FixedClock(Now), NullLogger<AuditRetentionSweeper>.Instance);

    private static Task<string> RemainingAsync(string database, string table, string column) =>
        TestDatabase.ScalarAsync<string>(database,
            $"SELECT string_agg(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ' ' ORDER BY {column}) FROM {table}");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
