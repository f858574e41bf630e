using System.Text.Json;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class RecentReadingsCodecTests
{
    [Fact]
    public void Round_trip_is_lossless_for_decimal_and_arbitrary_values()
    {
        var t = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        List<RecentReading> readings =
        [
            new(t, 1234.56, 123456789.012, null, 42),
            new(t.AddTicks(1), -0.001, null, 0.1 + 0.2, -7), // 0.1 + 0.2 is not a multiple of 0.001: stored raw
            new(t.AddSeconds(10.5), null, null, null, int.MinValue),
            new(t.AddMinutes(15), Math.PI, 1e12, 5, int.MaxValue),
            new(t.AddMinutes(16), 0, 3.5, 4.25, 0), // registers after a reset: a negative change
        ];

        Assert.Equal(readings, RecentReadingsCodec.Decode(RecentReadingsCodec.Encode(readings)));
        Assert.Empty(RecentReadingsCodec.Decode(null));
    }

    [Fact]
    public void A_snapshot_stays_under_4_KiB_at_one_shelly_reading_every_10_seconds()
    {
        // Worst typical case: power and both registers every 10 s, so the window holds 91 readings.
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        var t = new DateTimeOffset(2026, 11, 22, 10, 0, 3, TimeSpan.FromHours(1)).AddTicks(1234567);
        double import = 12_345_678.9, export = 987_654.3;
        for (var i = 0; i < 720; i++)
        {
            var power = 230.0 + (i % 37 * 17.31);
            import += Math.Round(power / 360, 2);
            export = Math.Round(export + 0.01, 2);
            meter.Apply(new MeterReading(t.AddSeconds(10 * i), Math.Round(power, 2), 0, import, export, VoltageV: 231.4), t.AddSeconds(10 * i));
            meter.TakeClosedBuckets();
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(meter.Snapshot);
        Assert.True(json.Length < 4096, $"snapshot is {json.Length} bytes");
    }
}
