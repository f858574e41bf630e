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

    /// <summary>
    /// Channel B's first row is refused (its channel is known from then on), channel C's rows come before B's good one:
    /// each row is stored under its own sub-meter, and each channel's summary counts only its accepted rows.
    /// </summary>
    [Fact]
    public async Task A_channel_whose_first_row_is_refused_keeps_its_own_rows_and_summary()
    {
        var store = new RecordingStore();
        var importer = new CsvImporter(store, Options.Create(new ImportOptions()), Clock);
        const string csv = "timestamp,circuit,wh\n"
            + "2026-11-01 10:00,A,1\n2026-11-01 10:00,B,lots\n2026-11-01 10:00,C,3\n2026-11-01 11:00,C,4\n2026-11-01 11:00,B,2\n";

        var summary = (await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default)).Summary!;

        Assert.Equal((5, 4, 1), (summary.Rows, summary.Accepted, summary.Rejected));
        Assert.Equal(3L, Assert.Single(summary.Errors).Line);
        Assert.Equal(["m1:A", "m1:C", "m1:C", "m1:B"], store.EnergyMeterIds);
        // A: 1 Wh; B: 2 Wh (its refused row not counted); C: 3 + 4 = 7 Wh in two rows.
        Assert.Equal(
            [("A", "m1:A", 1L, 1.0), ("B", "m1:B", 1L, 2.0), ("C", "m1:C", 2L, 7.0)],
            summary.Channels.Select(c => (c.Channel, c.MeterId, c.Rows, c.Statistics!.Sum)));
    }

    [Fact]
    public async Task An_empty_upload_is_not_csv()
    {
        var importer = new CsvImporter(new RecordingStore(), Options.Create(new ImportOptions()), Clock);
        var outcome = await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes("\n\n")), TimeZoneInfo.Utc, default);
        Assert.Null(outcome.Summary);
        Assert.Contains("empty", outcome.Problem);
    }

    /// <summary>
    /// Six rows of one channel in time order, batches of 2, two batches at a time: the first two store calls are in
    /// flight together (each waits until the other has started), never three; all six rows are stored.
    /// </summary>
    [Fact]
    public async Task Batches_of_a_time_ordered_file_are_stored_two_at_a_time_while_the_parse_goes_on()
    {
        var store = new OverlapStore(releaseWhenInFlight: 2);
        var importer = new CsvImporter(store, Options.Create(new ImportOptions { StoreBatchRows = 2, StoreConcurrency = 2 }), Clock);
        const string csv = "timestamp,kwh\n2026-11-01 10:00,1\n2026-11-01 10:15,1\n2026-11-01 10:30,1\n2026-11-01 10:45,1\n2026-11-01 11:00,1\n2026-11-01 11:15,1\n";

        var summary = (await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default)).Summary!;

        Assert.Equal(2, store.MaxInFlight);
        Assert.Equal((6, 6), (summary.Accepted, summary.Stored));
    }

    /// <summary>
    /// 10:00 again in the second batch: the two batches could hold the same interval, so the second waits for the first
    /// (its copy must stand) and they are never in flight together, though two could be.
    /// </summary>
    [Fact]
    public async Task A_batch_that_repeats_an_interval_of_a_batch_in_flight_waits_for_it()
    {
        var store = new OverlapStore(releaseWhenInFlight: 2);
        var importer = new CsvImporter(store, Options.Create(new ImportOptions { StoreBatchRows = 2, StoreConcurrency = 2 }), Clock);
        const string csv = "timestamp,kwh\n2026-11-01 10:00,1\n2026-11-01 10:15,1\n2026-11-01 10:00,5\n2026-11-01 10:30,1\n";

        var summary = (await importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default)).Summary!;

        Assert.Equal(1, store.MaxInFlight);
        Assert.Equal([2, 2], store.EnergyBatches);
        Assert.Equal(4, summary.Accepted);
    }

    /// <summary>A failing store call fails the import with its own exception, after the other batch in flight ended.</summary>
    [Fact]
    public async Task A_failed_batch_fails_the_import()
    {
        var store = new OverlapStore(releaseWhenInFlight: 1) { FailBatch = 2 };
        var importer = new CsvImporter(store, Options.Create(new ImportOptions { StoreBatchRows = 2, StoreConcurrency = 2 }), Clock);
        const string csv = "timestamp,kwh\n2026-11-01 10:00,1\n2026-11-01 10:15,1\n2026-11-01 10:30,1\n2026-11-01 10:45,1\n2026-11-01 11:00,1\n";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            importer.ImportAsync("m1", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TimeZoneInfo.Utc, default));

        Assert.Equal("batch 2 failed", failure.Message);
        Assert.Equal(0, store.InFlight);
    }

    private sealed class RecordingStore : IImportStore
    {
        public List<int> EnergyBatches { get; } = [];

        public List<string> EnergyMeterIds { get; } = [];

        public ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
        {
            EnergyBatches.Add(rows.Count);
            // The rows are the importer's until the call ends: copied, not kept.
            EnergyMeterIds.AddRange(rows.Select(r => r.MeterId));
            return ValueTask.FromResult(rows.Count);
        }

        public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
            ValueTask.FromResult(readings.Count);
    }

    /// <summary>
    /// A store whose calls stay in flight until <c>releaseWhenInFlight</c> calls are (or 1 s passed, so a test that
    /// expects fewer does not hang), and which records the most calls it saw in flight at once.
    /// </summary>
    private sealed class OverlapStore(int releaseWhenInFlight) : IImportStore
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _calls;

        public List<int> EnergyBatches { get; } = [];

        public int MaxInFlight { get; private set; }

        public int InFlight => Volatile.Read(ref _inFlight);

        public int FailBatch { get; init; }

        public async ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
        {
            int call;
            lock (EnergyBatches)
            {
                EnergyBatches.Add(rows.Count);
                call = ++_calls;
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
                if (_inFlight >= releaseWhenInFlight)
                {
                    _enough.TrySetResult();
                }
            }

            try
            {
                await Task.WhenAny(_enough.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
                return call == FailBatch ? throw new InvalidOperationException($"batch {call} failed") : rows.Count;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
            ValueTask.FromResult(readings.Count);
    }
}
