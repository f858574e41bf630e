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
    public void The_packed_form_is_byte_for_byte_version_2()
    {
        // Snapshots stored in this format must decode in later versions, so the bytes are fixed. By hand:
        //   02 04          version 2, four readings
        //   85 04 01       a run of layout 517 = time in ticks (1) | power as tenths (2 << 1) | export raw (4 << 7),
        //                  517 = 4·128 + 5 → 0x85 0x04, of one reading:
        //     AC 02        300 ticks (no whole number of ms): 300 = 0b10_0101100 → 0x2C|0x80 = 0xAC, then 300 >> 7 = 2
        //     1E           power 1.5 W: a change of 1500 thousandths from 0 = 15 tenths, zigzag 30
        //     34 .. D3 3F  export 0.1 + 0.2 is no multiple of 0.001: raw IEEE bits 0x3FD3333333333334, little-endian
        //     FE FF FF FF  fingerprint −2, little-endian
        //   26 02          a run of layout 38 = time in ms (0) | power as thousandths (3 << 1) | import as tenths (2 << 4), two readings:
        //     8A 50        10,250 ms: 10250 − 80·128 = 10 → 0x0A|0x80 = 0x8A, then 80 = 0x50
        //     93 04        power 1234 − 1500 = −266 thousandths (no whole tenths), zigzag 531: 531 − 4·128 = 19 → 0x93, then 4
        //     F6 01        import 12,300 thousandths from 0 = 123 tenths, zigzag 246: 246 − 128 = 118 → 0x76|0x80 = 0xF6, then 1
        //     07 00 00 00  fingerprint 7
        //     90 4E        10,000 ms: 10000 − 78·128 = 16 → 0x10|0x80 = 0x90, then 78 = 0x4E
        //     02           power 1235 − 1234 = 1 thousandth, zigzag 2
        //     02           import 12,400 − 12,300 = 100 thousandths = 1 tenth, zigzag 2
        //     08 00 00 00  fingerprint 8
        //   02 01          a run of layout 2 = time in ms | power unchanged (1 << 1), one reading:
        //     90 4E        10,000 ms
        //     09 00 00 00  fingerprint 9 (the power is the previous one: no bytes)
        var t0 = new DateTimeOffset(300, TimeSpan.Zero);
        var t1 = t0.AddMilliseconds(10_250);
        List<RecentReading> window =
        [
            new(t0, 1.5, null, 0.1 + 0.2, -2),
            new(t1, 1.234, 12.3, null, 7),
            new(t1.AddSeconds(10), 1.235, 12.4, null, 8),
            new(t1.AddSeconds(20), 1.235, null, null, 9),
        ];
        byte[] expected =
        [
            0x02, 0x04,
            0x85, 0x04, 0x01, 0xAC, 0x02, 0x1E, 0x34, 0x33, 0x33, 0x33, 0x33, 0x33, 0xD3, 0x3F, 0xFE, 0xFF, 0xFF, 0xFF,
            0x26, 0x02, 0x8A, 0x50, 0x93, 0x04, 0xF6, 0x01, 0x07, 0x00, 0x00, 0x00, 0x90, 0x4E, 0x02, 0x02, 0x08, 0x00, 0x00, 0x00,
            0x02, 0x01, 0x90, 0x4E, 0x09, 0x00, 0x00, 0x00,
        ];

        Assert.Equal(expected, RecentReadingsCodec.Encode(window));
        Assert.Equal(window, RecentReadingsCodec.Decode(expected));
    }

    [Fact]
    public void A_window_packed_in_version_1_still_decodes()
    {
        // The format of snapshots stored before version 2, by hand:
        //   01             version 1
        //   02             two readings
        //   AC 02          ticks 300 = 0b10_0101100: low 7 bits 44 = 0x2C with the continuation bit → 0xAC, then 300 >> 7 = 2
        //   25             flags: power (1) | export register (4) | export register raw (32) = 37
        //   B8 17          power 1.5 W = 1500 thousandths, zigzag 3000: 3000 − 23·128 = 56 → 0x38|0x80 = 0xB8, then 23 = 0x17
        //   34 33 .. D3 3F 0.1 + 0.2 is no multiple of 0.001: raw IEEE bits 0x3FD3333333333334, little-endian
        //   FE FF FF FF    fingerprint −2, little-endian
        //   64             100 ticks later
        //   03             flags: power (1) | import register (2)
        //   A0 1F          power 2 W, absolute in version 1: 2000 thousandths, zigzag 4000: 4000 − 31·128 = 32 → 0xA0, then 31
        //   E8 07          import 0.5 Wh, a change of 500 thousandths from 0: zigzag 1000: 1000 − 7·128 = 104 → 0xE8, then 7
        //   01 00 00 00    fingerprint 1
        byte[] version1 =
        [
            0x01, 0x02,
            0xAC, 0x02, 0x25, 0xB8, 0x17, 0x34, 0x33, 0x33, 0x33, 0x33, 0x33, 0xD3, 0x3F, 0xFE, 0xFF, 0xFF, 0xFF,
            0x64, 0x03, 0xA0, 0x1F, 0xE8, 0x07, 0x01, 0x00, 0x00, 0x00,
        ];
        List<RecentReading> expected =
        [
            new(new DateTimeOffset(300, TimeSpan.Zero), 1.5, null, 0.1 + 0.2, -2),
            new(new DateTimeOffset(400, TimeSpan.Zero), 2, 0.5, null, 1),
        ];

        Assert.Equal(expected, RecentReadingsCodec.Decode(version1));
    }

    [Fact]
    public void At_a_shelly_cadence_a_reading_packs_into_9_bytes()
    {
        // 10 s ± 7 ms apart, power in 0.1 W moving by 20 W, import rising by 1.4 Wh, export flat: time 2 (about
        // 10,000 ms) + power 2 (±200 tenths) + import 1 (14 tenths) + export 0 (unchanged) + fingerprint 4 = 9 bytes.
        var t = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var readings = Enumerable.Range(0, 91)
            .Select(i => new RecentReading(
                t.AddMilliseconds((10_000 * i) + (i % 2 * 7)), 500 + (i % 2 * 20), Math.Round(1_000_000 + (i * 1.4), 1), 20_000, i))
            .ToList();

        var packed = RecentReadingsCodec.Encode(readings);

        // Version and count 2. The first reading is a run of its own (its export is a change from 0): layout 292 (2
        // bytes) and count 1, then its absolute values: time 7 (6.4e13 ms < 2^49), power 2 (5,000 tenths), import 4
        // (10^7 tenths), export 3 (200,000 tenths), fingerprint 4 = 23. The other 90 are one run: layout 164 (2), count 1.
        Assert.Equal(2 + 23 + 3 + (90 * 9), packed.Length);
        Assert.Equal(readings, RecentReadingsCodec.Decode(packed));
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
