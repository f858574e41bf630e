using MeterGrains.Meters;
using MeterGrains.Storage;

namespace MeterGrains.Grains.Storage.Tests;

public sealed class QueryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_returns_the_half_open_range_oldest_first_up_to_the_limit()
    {
        await using var store = database.CreateStore();
        // Stored newest first, so the order of the answer cannot come from the order of insertion.
        var series = Readings.Series(T0, 10, TimeSpan.FromMinutes(1)).Reverse().ToArray();
        await store.AppendAsync("range-1", series, default);
        await store.AppendAsync("range-2", Readings.Series(T0, 10, TimeSpan.FromMinutes(1)), default);

        var window = await store.ReadAsync("range-1", T0.AddMinutes(2), T0.AddMinutes(7), 100, default).ToListAsync();
        var limited = await store.ReadAsync("range-1", T0.AddMinutes(2), T0.AddMinutes(7), 3, default).ToListAsync();

        // Minutes 2..6: from is included, to is not.
        Assert.Equal([2, 3, 4, 5, 6], window.Select(r => (int)(r.Reading.Timestamp - T0).TotalMinutes));
        Assert.Equal([102.0, 103.0, 104.0, 105.0, 106.0], window.Select(r => r.Reading.ImportPowerW!.Value));
        Assert.Equal([2, 3, 4], limited.Select(r => (int)(r.Reading.Timestamp - T0).TotalMinutes));
    }

    [Fact]
    public async Task Every_field_round_trips()
    {
        await using var store = database.CreateStore();
        var reading = new MeterReading(T0.AddHours(1), 1500.5, 0, 123456.789, 42.25, 230.1, 6.52, 0.97, 50.01);
        var stored = new StoredReading(reading, Late: true, new DateTimeOffset(2026, 3, 20, 12, 30, 0, TimeSpan.FromHours(2)));
        var sparse = new StoredReading(new MeterReading(T0.AddHours(1).AddSeconds(1), ExportRegisterWh: 7), false, Readings.ReceivedAt);

        await store.AppendAsync("fields-1", [stored, sparse], default);
        var read = await store.ReadAsync("fields-1", T0, T0.AddDays(1), 10, default).ToListAsync();

        Assert.Equal(2, read.Count);
        Assert.Equal(reading, read[0].Reading);
        Assert.True(read[0].Late);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 10, 30, 0, TimeSpan.Zero), read[0].ReceivedAt);
        Assert.Equal(sparse.Reading, read[1].Reading);
        Assert.False(read[1].Late);
    }

    [Fact]
    public async Task ReadAfterAsync_returns_only_what_came_after_the_ingest_id_in_arrival_order()
    {
        await using var store = database.CreateStore();
        var snapshot = await store.AppendAsync("replay-1", Readings.Series(T0, 5, TimeSpan.FromMinutes(1)), default);
        await store.AppendAsync("replay-other", Readings.Series(T0, 5, TimeSpan.FromMinutes(1)), default);
        // After the snapshot: a reading at +10 min, then a late one at +2.5 min, then one at +11 min.
        await store.AppendAsync("replay-1", [Readings.Power(T0.AddMinutes(10), 10)], default);
        await store.AppendAsync("replay-1", [Readings.Power(T0.AddMinutes(2.5), 25, late: true), Readings.Power(T0.AddMinutes(11), 11)], default);

        var replay = await store.ReadAfterAsync("replay-1", snapshot.MaxIngestId!.Value, T0.AddDays(-7), default).ToListAsync();

        Assert.Equal([10.0, 25.0, 11.0], replay.Select(r => r.Stored.Reading.ImportPowerW!.Value));
        Assert.All(replay, r => Assert.True(r.IngestId > snapshot.MaxIngestId));
        Assert.Equal(replay.Select(r => r.IngestId).Order(), replay.Select(r => r.IngestId));
        Assert.True(replay[1].Stored.Late);

        // notBefore drops what is older than it, whatever its ingest id.
        var recent = await store.ReadAfterAsync("replay-1", snapshot.MaxIngestId.Value, T0.AddMinutes(5), default).ToListAsync();
        Assert.Equal([10.0, 11.0], recent.Select(r => r.Stored.Reading.ImportPowerW!.Value));

        // Replaying from the last id gives nothing.
        Assert.Empty(await store.ReadAfterAsync("replay-1", replay[^1].IngestId, T0.AddDays(-7), default).ToListAsync());
    }
}
