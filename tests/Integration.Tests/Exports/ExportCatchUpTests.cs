using MeterGrains.Exports;
using MeterGrains.Exports.Storage;
using ParquetSharp;

namespace MeterGrains.Integration.Tests.Exports;

/// <summary>The scheduled run: every complete day not yet exported, once, by whichever session holds the day.</summary>
public sealed class ExportCatchUpTests
{
    [Fact]
    public async Task Catch_up_exports_each_due_day_once_and_leaves_a_day_another_session_holds()
    {
        await using var services = await ExportServices.StartAsync("catch_up", new Dictionary<string, string?> { ["Export:RowGroupRows"] = "1000" });
        var exporter = services.Get<DailyExporter>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (full, held) = (today.AddDays(-3), today.AddDays(-2));
        // Two meters, a reading every minute of the day: 2 × 1440 = 2880 rows, row groups of 1000, 1000 and 880.
        var everyMinute = Enumerable.Range(0, 1440).ToArray();
        await services.AddReadingsAsync("m1", full, everyMinute);
        await services.AddReadingsAsync("m2", full, everyMinute);
        await services.AddReadingsAsync("m1", held, 5);
        await services.AddReadingsAsync("m1", today, 0);

        await using (var otherSession = await DayLock.TryAcquireAsync(services.DataSource, held, CancellationToken.None))
        {
            Assert.NotNull(otherSession);
            Assert.Null(await DayLock.TryAcquireAsync(services.DataSource, held, CancellationToken.None));

            var first = await exporter.CatchUpAsync(CancellationToken.None);

            // Today is not complete, so not due.
            Assert.Equal([(full, false), (held, true)], first.Select(d => (d.Day, d.Busy)));
            Assert.Equal([2880L, 0L], first[0].Files.Select(f => f.Rows));
        }

        var path = Path.Combine(services.Directory, $"kind=readings/date={full:yyyy-MM-dd}/part-0000.parquet");
        using (var file = new ParquetFileReader(path))
        {
            Assert.Equal(3, file.FileMetaData.NumRowGroups);
        }

        var expected = await ExportedRows.FromDatabaseAsync(services.ConnectionString, "meter_readings", ExportedRows.ReadingColumns, full);
        var actual = ExportedRows.FromParquet(path, ExportedRows.ReadingColumns);
        Assert.Equal(2880, expected.Count);
        Assert.True(expected.Zip(actual).All(p => p.First.SequenceEqual(p.Second)), "every row of the file is the database's");

        var second = await exporter.CatchUpAsync(CancellationToken.None);
        Assert.Equal([(held, false)], second.Select(d => (d.Day, d.Busy)));
        Assert.Equal([1L, 0L], second[0].Files.Select(f => f.Rows));
        Assert.Empty(await exporter.CatchUpAsync(CancellationToken.None));
    }
}
