using System.Diagnostics;
using MeterGrains.Exports.Files;
using MeterGrains.Exports.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Exports;

/// <summary>
/// Exports UTC days of raw readings and quarter-hour buckets to <c>Export:Directory</c>, one file per kind and day,
/// and records each in the <c>exports</c> table. A day is exported under its <see cref="DayLock"/>, so in a cluster one
/// session at a time works on it, whichever silo or operator request started it.
/// </summary>
public sealed class DailyExporter(
    NpgsqlDataSource dataSource,
    ExportSource source,
    ExportLedger ledger,
    ReadingPartitions partitions,
    IOptionsMonitor<ExportOptions> options,
    ExportMetrics metrics,
    TimeProvider clock,
    ILogger<DailyExporter> logger)
{
    /// <summary>The format of <c>Export:Format</c>.</summary>
    public ExportFormat ConfiguredFormat =>
        ExportFormats.TryParse(options.CurrentValue.Format, out var format) ? format.Value : ExportFormat.Parquet;

    /// <summary>
    /// The days due for export at <paramref name="now"/>: those with a readings partition whose end lies at least
    /// <paramref name="timeOfDay"/> in the past (day D from D+1 at that time), oldest first.
    /// </summary>
    public static IReadOnlyList<DateOnly> DueDays(IEnumerable<DateOnly> partitionDays, DateTimeOffset now, TimeSpan timeOfDay) =>
        [.. partitionDays.Where(day => new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + timeOfDay <= now).Order()];

    /// <summary>
    /// Exports every due day not yet exported in the configured format (both kinds), oldest first: after downtime
    /// this catches up on every day missed. A day that fails is logged and left for the next run.
    /// </summary>
    public async Task<IReadOnlyList<DayExport>> CatchUpAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Directory))
        {
            throw new ExportNotConfiguredException();
        }

        var format = ConfiguredFormat;
        var exported = await ledger.CompleteDaysAsync(ExportFormats.ToName(format), cancellationToken);
        var due = DueDays(await partitions.DaysAsync(cancellationToken), clock.GetUtcNow(), settings.TimeOfDay);
        var results = new List<DayExport>();
        foreach (var day in due.Where(d => !exported.Contains(d)))
        {
            try
            {
                results.Add(await ExportDayAsync(day, format, replace: false, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ExportsLog.ExportFailed(logger, day, e);
            }
        }

        return results;
    }

    /// <summary>
    /// Exports both kinds of <paramref name="day"/> in <paramref name="format"/>; with <paramref name="replace"/> false
    /// a kind already recorded in that format is left as it is. Busy when another session holds the day.
    /// </summary>
    public async Task<DayExport> ExportDayAsync(DateOnly day, ExportFormat format, bool replace, CancellationToken cancellationToken)
    {
        var directory = options.CurrentValue.Directory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ExportNotConfiguredException();
        }

        await using var dayLock = await DayLock.TryAcquireAsync(dataSource, day, cancellationToken);
        if (dayLock is null)
        {
            ExportsLog.DayBusy(logger, day);
            return new DayExport(day, true, []);
        }

        // Read under the lock: a session that held it a moment ago may have just exported the day.
        var formatName = ExportFormats.ToName(format);
        var recorded = (await ledger.ForDayAsync(day, cancellationToken)).Where(r => r.Format == formatName).ToList();
        var files = new List<ExportRecord>();
        foreach (var kind in ExportKinds.All)
        {
            if (!replace && recorded.FirstOrDefault(r => r.Kind == ExportKinds.ToName(kind)) is { } existing)
            {
                files.Add(existing);
                continue;
            }

            files.Add(await ExportKindAsync(directory, kind, day, format, cancellationToken));
        }

        return new DayExport(day, false, files);
    }

    private async Task<ExportRecord> ExportKindAsync(string directory, ExportKind kind, DateOnly day, ExportFormat format, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var table = ExportTable.For(kind);
        var relativePath = ExportPaths.DataFile(kind, day, format);
        var batch = new RowBatch(table.Columns, options.CurrentValue.RowGroupRows);
        long rows = 0;
        var file = await ExportFileWriter.WriteAsync(directory, relativePath, async (stream, ct) =>
        {
            await using IBatchWriter writer = format == ExportFormat.Parquet
                ? await ParquetBatchWriter.CreateAsync(table, day, stream, ct)
                : new JsonlBatchWriter(stream);
            rows = await source.ReadDayAsync(table, day, batch, writer.WriteAsync, ct);
            await writer.CompleteAsync(ct);
            return rows;
        }, cancellationToken);

        var record = new ExportRecord(
            ExportKinds.ToName(kind), day, ExportFormats.ToName(format), rows, relativePath, file.Bytes, file.Sha256, clock.GetUtcNow(), Environment.MachineName);
        await ledger.RecordAsync(record, cancellationToken);
        metrics.Exported(kind, rows);
        ExportsLog.Exported(logger, record.Kind, day, record.Format, rows, file.Bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, relativePath);
        return record;
    }
}
