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
    public void The_packed_form_is_byte_for_byte_the_persisted_format()
    {
        // Snapshots already stored must still decode, so the bytes are fixed. By hand:
        //   01             version 1
        //   01             one reading
        //   AC 02          ticks 300 = 0b10_0101100: low 7 bits 44 = 0x2C with the continuation bit → 0xAC, then 300 >> 7 = 2
        //   25             flags: power (1) | export register (4) | export register raw (32) = 37
        //   B8 17          power 1.5 W = 1500 thousandths, zigzag 3000: 3000 − 23·128 = 56 → 0x38|0x80 = 0xB8, then 23 = 0x17
        //   34 33 .. D3 3F 0.1 + 0.2 is no multiple of 0.001: raw IEEE bits 0x3FD3333333333334, little-endian
        //   FE FF FF FF    fingerprint −2, little-endian
        List<RecentReading> window = [new(new DateTimeOffset(300, TimeSpan.Zero), 1.5, null, 0.1 + 0.2, -2)];
        byte[] expected = [0x01, 0x01, 0xAC, 0x02, 0x25, 0xB8, 0x17, 0x34, 0x33, 0x33, 0x33, 0x33, 0x33, 0xD3, 0x3F, 0xFE, 0xFF, 0xFF, 0xFF];

        Assert.Equal(expected, RecentReadingsCodec.Encode(window));
        Assert.Equal(window, RecentReadingsCodec.Decode(expected));
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
