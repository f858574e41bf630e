using MeterGrains.Exports.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Exports;

/// <summary>
/// Drops raw readings partitions older than <c>Retention:RawReadingsDays</c>, but only a day whose readings and buckets
/// are both recorded as exported and whose partition still holds exactly the exported readings' row count (in any
/// format). Anything else is kept, with a log line that says why.
/// </summary>
public sealed class RetentionSweeper(
    NpgsqlDataSource dataSource,
    ReadingPartitions partitions,
    ExportLedger ledger,
    IOptionsMonitor<RetentionOptions> options,
    ExportMetrics metrics,
    TimeProvider clock,
    ILogger<RetentionSweeper> logger)
{
    /// <summary>How long a drop waits for writers of the partition before it gives up until the next run.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<RetentionOutcome>> SweepAsync(CancellationToken cancellationToken)
    {
        var keepDays = options.CurrentValue.RawReadingsDays;
        if (keepDays <= 0)
        {
            return [];
        }

        // Today and the keepDays days before it stay.
        var oldestKept = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-keepDays);
        var outcomes = new List<RetentionOutcome>();
        foreach (var day in (await partitions.DaysAsync(cancellationToken)).Where(d => d < oldestKept))
        {
            var outcome = await SweepDayAsync(day, cancellationToken);
            if (outcome.Dropped)
            {
                metrics.PartitionDropped();
            }
            else
            {
                ExportsLog.PartitionKept(logger, day, outcome.KeptBecause!);
            }

            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private async Task<RetentionOutcome> SweepDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var dayLock = await DayLock.TryAcquireAsync(dataSource, day, cancellationToken);
        if (dayLock is null)
        {
            return new RetentionOutcome(day, false, "the day is being exported or swept by another session");
        }

        var records = await ledger.ForDayAsync(day, cancellationToken);
        var readingCounts = records.Where(r => r.Kind == ExportKinds.Readings).Select(r => r.Rows).ToHashSet();
        var missing = ExportKinds.All.Select(ExportKinds.ToName).Where(kind => records.All(r => r.Kind != kind)).ToList();
        if (missing.Count > 0)
        {
            return new RetentionOutcome(day, false, $"its {string.Join(" and ", missing)} are not exported (see the exports table)");
        }

        var (rows, dropped) = await partitions.DropIfRowsAsync(day, readingCounts, LockTimeout, cancellationToken);
        if (rows is null)
        {
            // Gone since it was listed (another silo's sweep).
            return new RetentionOutcome(day, false, "the partition no longer exists");
        }

        if (!dropped)
        {
            return new RetentionOutcome(day, false,
                $"it holds {rows} readings but the export recorded {string.Join(" or ", readingCounts.Order())}; export the day again (POST /api/v1/exports/run?date={day:yyyy-MM-dd})");
        }

        ExportsLog.PartitionDropped(logger, day, rows.Value);
        return new RetentionOutcome(day, true, null);
    }
}
