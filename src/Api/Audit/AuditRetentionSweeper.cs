using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Api.Audit;

/// <summary>
/// Deletes audit entries older than <c>Audit:RetentionDays</c>, at start and every <c>Audit:RetentionSweepInterval</c>,
/// in batches (each its own short transaction on the <c>at</c> index), so a first sweep over years of entries does not
/// hold a long transaction. Every API silo sweeps; their batches skip each other's locked rows.
/// </summary>
public sealed class AuditRetentionSweeper(
    NpgsqlDataSource dataSource, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetentionSweeper> logger) : BackgroundService
{
    /// <summary>Entries deleted per statement.</summary>
    public const int BatchSize = 10_000;

    private const string DeleteBatchSql = """
        DELETE FROM audit_log WHERE id IN (
            SELECT id FROM audit_log WHERE at < $1 ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)
        """;

    private readonly AuditOptions _options = options.Value;

    /// <summary>Deletes the entries older than the retention as of now; returns how many. Nothing when the retention is 0.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        if (_options.RetentionDays == 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
        long deleted = 0;
        int batch;
        do
        {
            await using var command = dataSource.CreateCommand(DeleteBatchSql);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        if (deleted > 0)
        {
            logger.AuditEntriesDeleted(deleted, cutoff, _options.RetentionDays);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RetentionDays == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.RetentionSweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away, or the sweep failed otherwise: the next tick tries again (entries only get older
                // meanwhile), and the silo goes on; a background service that threw would stop the host.
                logger.AuditRetentionFailed(clock.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays), _options.RetentionSweepInterval, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
