using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MeterGrains.Api.Retention;

/// <summary>
/// Deletes the rows of one table whose time is older than a retention in days, at start and every sweep interval, in
/// batches (each its own short transaction on the time column's index), so a first sweep over years of rows holds no
/// long transaction. Every API silo sweeps; their batches skip each other's locked rows. A failed sweep is logged and
/// tried again at the next interval; it never stops the silo.
/// </summary>
public abstract class AgedRowsSweeper : BackgroundService
{
    /// <summary>Rows deleted per statement.</summary>
    public const int BatchSize = 10_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _deleteBatchSql;

    /// <param name="dataSource">The database.</param>
    /// <param name="clock">Now, for the cut-off and the interval.</param>
    /// <param name="logger">Where deletions and failures are logged.</param>
    /// <param name="table">The table, a name from code (never input).</param>
    /// <param name="timeColumn">Its indexed time column, a name from code.</param>
    protected AgedRowsSweeper(NpgsqlDataSource dataSource, TimeProvider clock, ILogger logger, string table, string timeColumn)
    {
        _dataSource = dataSource;
        _clock = clock;
        _logger = logger;
        Table = table;
        _deleteBatchSql = $"""
            DELETE FROM {table} WHERE id IN (
                SELECT id FROM {table} WHERE {timeColumn} < $1 ORDER BY {timeColumn} LIMIT $2 FOR UPDATE SKIP LOCKED)
            """;
    }

    /// <summary>The table swept.</summary>
    public string Table { get; }

    /// <summary>Days a row is kept; 0 keeps rows for ever.</summary>
    protected abstract int RetentionDays { get; }

    /// <summary>How often to sweep.</summary>
    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>The configuration key of <see cref="RetentionDays"/>, for the log.</summary>
    protected abstract string RetentionKey { get; }

    /// <summary>Deletes the rows older than the retention as of now; returns how many. Nothing when the retention is 0.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        if (RetentionDays == 0)
        {
            return 0;
        }

        var cutoff = Cutoff();
        long deleted = 0;
        int batch;
        do
        {
            await using var command = _dataSource.CreateCommand(_deleteBatchSql);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        if (deleted > 0)
        {
            RetentionLog.RowsDeleted(_logger, deleted, Table, cutoff, RetentionKey, RetentionDays);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (RetentionDays == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(SweepInterval, _clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away, or the sweep failed otherwise: the next tick tries again (rows only get older
                // meanwhile), and the silo goes on; a background service that threw would stop the host.
                RetentionLog.SweepFailed(_logger, Table, Cutoff(), SweepInterval, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private DateTimeOffset Cutoff() => _clock.GetUtcNow() - TimeSpan.FromDays(RetentionDays);
}
