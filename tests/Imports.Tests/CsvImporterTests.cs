using System.Text;
using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Imports.Tests;

public sealed class CsvImporterTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Rows_go_to_the_store_in_batches_and_quarter_hours_add_up_to_hours()
    {
        var store = new RecordingStore();
        var importer = new CsvImporter(store, Options.Create(new ImportOptions { StoreBatchRows = 2 }), Clock);
        const string csv = "timestamp,kwh\n2026-11-01 10:00,0.1\n2026-11-01 10:15,0.2\n2026-11-01 10:30,0.3\n2026-11-01 10:45,0.4\n2026-11-01 11:00,1\n";

        var summary = (await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default)).Summary!;

        // 5 rows in batches of 2: 2 + 2 + 1.
        Assert.Equal([2, 2, 1], store.EnergyBatches);
        Assert.Equal((5, 5, 0), (summary.Accepted, summary.Stored, summary.Rejected));
        // 10:00 hour: 100 + 200 + 300 + 400 = 1000 Wh; 11:00: 1000 Wh. Sum 2000, mean 1000.
        var channel = Assert.Single(summary.Channels);
        Assert.Equal(("", "m1"), (channel.Channel, channel.MeterId));
        Assert.Equal(2, channel.Statistics!.Hours);
        Assert.Equal(2000, channel.Statistics.Sum, 9);
    }

    [Fact]
    public async Task Errors_are_counted_past_the_listed_ones_and_future_rows_are_refused()
    {
        var importer = new CsvImporter(new RecordingStore(), Options.Create(new ImportOptions { MaxErrorsListed = 2 }), Clock);
        // Clock at 12:00Z: 12:05 is allowed (5 minutes ahead), 12:06 not.
        const string csv = "timestamp,kwh\nx,1\ny,1\nz,1\n2026-11-23 12:05,1\n2026-11-23 12:06,1\n";

        var summary = (await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default)).Summary!;

        Assert.Equal((5, 1, 4), (summary.Rows, summary.Accepted, summary.Rejected));
        Assert.Equal([2L, 3L], summary.Errors.Select(e => e.Line));
    }

    [Fact]
    public async Task An_empty_upload_is_not_csv()
    {
        var importer = new CsvImporter(new RecordingStore(), Options.Create(new ImportOptions()), Clock);
        var outcome = await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes("\n\n")), TimeZoneInfo.Utc, default);
        Assert.Null(outcome.Summary);
        Assert.Contains("empty", outcome.Problem);
    }

    private sealed class RecordingStore : IImportStore
    {
        public List<int> EnergyBatches { get; } = [];

        public ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
        {
            EnergyBatches.Add(rows.Count);
            return ValueTask.FromResult(rows.Count);
        }

        public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
            ValueTask.FromResult(readings.Count);
    }
}
