using MeterGrains.Exports;
using MeterGrains.Exports.Storage;

namespace MeterGrains.Integration.Tests.Exports;

/// <summary><c>Retention:RawReadingsDays</c>: an old raw partition goes only after its day was exported, and stays, with a log line saying why, otherwise.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task An_old_partition_is_dropped_only_when_both_kinds_were_exported_with_its_row_count()
    {
        await using var services = await ExportServices.StartAsync("retention", new Dictionary<string, string?> { ["Retention:RawReadingsDays"] = "7" });
        var exporter = services.Get<DailyExporter>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (changed, exported, unexported, recent) = (today.AddDays(-22), today.AddDays(-21), today.AddDays(-20), today.AddDays(-3));
        await services.AddReadingsAsync("m1", changed, 0, 30);
        await services.AddReadingsAsync("m1", exported, 0, 60);
        await services.AddReadingsAsync("m1", unexported, 0);
        await services.AddReadingsAsync("m1", recent, 0);
        await exporter.ExportDayAsync(changed, ExportFormat.Parquet, replace: false, CancellationToken.None);
        await exporter.ExportDayAsync(exported, ExportFormat.Parquet, replace: false, CancellationToken.None);
        // A late (imported) reading after the export: the partition now holds 3 rows, the export 2.
        await services.AddReadingsAsync("m1", changed, 45);

        var outcomes = await services.Get<RetentionSweeper>().SweepAsync(CancellationToken.None);

        // Older than today − 7 days: the three days of 20-22 days ago, oldest first; 3 days ago is kept without a word.
        Assert.Equal([changed, exported, unexported], outcomes.Select(o => o.Day));
        Assert.Equal([false, true, false], outcomes.Select(o => o.Dropped));
        Assert.False(await services.PartitionExistsAsync(exported));
        Assert.True(await services.PartitionExistsAsync(changed));
        Assert.True(await services.PartitionExistsAsync(unexported));
        Assert.True(await services.PartitionExistsAsync(recent));
        Assert.Contains(services.Logs.Lines, l => l.Contains($"partition of {unexported}", StringComparison.Ordinal)
            && l.Contains("its readings and buckets are not exported", StringComparison.Ordinal));
        Assert.Contains(services.Logs.Lines, l => l.Contains($"partition of {changed}", StringComparison.Ordinal)
            && l.Contains("it holds 3 readings but the export recorded 2", StringComparison.Ordinal));
        // The record stays: it is what tells where the dropped day's data went.
        Assert.Equal(2, (await services.Get<ExportLedger>().ForDayAsync(exported, CancellationToken.None)).Count);

        // Exported again with the late reading, the changed day goes too.
        await exporter.ExportDayAsync(changed, ExportFormat.Jsonl, replace: true, CancellationToken.None);
        var again = await services.Get<RetentionSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal([(changed, true), (unexported, false)], again.Select(o => (o.Day, o.Dropped)));
        Assert.False(await services.PartitionExistsAsync(changed));
    }

    [Fact]
    public async Task Without_a_retention_nothing_is_dropped()
    {
        await using var services = await ExportServices.StartAsync("retention_off", new Dictionary<string, string?>());
        var old = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400);
        await services.AddReadingsAsync("m1", old, 0);
        await services.Get<DailyExporter>().ExportDayAsync(old, ExportFormat.Parquet, replace: false, CancellationToken.None);

        Assert.Empty(await services.Get<RetentionSweeper>().SweepAsync(CancellationToken.None));
        Assert.True(await services.PartitionExistsAsync(old));
    }
}
