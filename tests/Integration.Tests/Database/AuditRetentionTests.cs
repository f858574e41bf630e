using MeterGrains.Api.Audit;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

/// <summary>
/// The audit log's retention on PostgreSQL: with <c>Audit:RetentionDays</c> 365 and the clock at 2026-12-08T00:00Z the
/// cut-off is 2025-12-08T00:00Z (365 days back, 2026 not being a leap year); entries before it go, in batches of
/// 10,000, entries at or after it stay; with 0 nothing goes.
/// </summary>
public sealed class AuditRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_older_than_the_retention_are_deleted_in_batches_and_the_rest_stay()
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

        var kept = Sweeper(dataSource, retentionDays: 0);
        Assert.Equal(0, await kept.SweepAsync(default));
        Assert.Equal(25_003L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM audit_log"));

        var sweeper = Sweeper(dataSource, retentionDays: 365);
        Assert.Equal(25_001, await sweeper.SweepAsync(default));
        Assert.Equal(
            "2025-12-08T00:00:00Z 2025-12-08T00:00:01Z",
            await TestDatabase.ScalarAsync<string>(database, "SELECT string_agg(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ' ' ORDER BY at) FROM audit_log"));
        // A second sweep finds nothing more.
        Assert.Equal(0, await sweeper.SweepAsync(default));
    }

    private static AuditRetentionSweeper Sweeper(NpgsqlDataSource dataSource, int retentionDays) =>
        new(dataSource, Options.Create(new AuditOptions { RetentionDays = retentionDays }), new FixedClock(Now), NullLogger<AuditRetentionSweeper>.Instance);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
