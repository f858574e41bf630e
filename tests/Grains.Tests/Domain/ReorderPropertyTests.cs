using System.Text.Json;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

/// <summary>
/// Property: readings shuffled within the reorder window give the same integrals, counters and buckets as the same
/// readings in time order (the second, independent computation the expected values come from).
/// </summary>
public sealed class ReorderPropertyTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 53, 17, TimeSpan.Zero);
    private static readonly MeterRules Rules = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Shuffled_within_the_window_equals_in_order(int seed)
    {
        var readings = Generate(new Random(seed), 1200);
        var random = new Random(seed * 7919);

        // Each reading arrives up to 14 minutes after its ts: never more than the 15-minute window behind the newest.
        var shuffled = readings
            .Select(r => (Reading: r, ArrivesAt: r.Timestamp + TimeSpan.FromSeconds(random.NextDouble() * 14 * 60)))
            .OrderBy(x => x.ArrivesAt)
            .Select(x => x.Reading)
            .ToList();
        Assert.NotEqual(readings, shuffled);

        var expected = Run(readings);
        var actual = Run(shuffled);

        Assert.Equal(0, actual.Meter.Snapshot.LateReadings);
        Assert.True(actual.Meter.Snapshot.ReorderedReadings > 50);
        AssertSameSnapshot(expected.Meter.Snapshot, actual.Meter.Snapshot);
        AssertSameBuckets(expected.Buckets, actual.Buckets);
    }

    [Fact]
    public void A_meter_restored_from_its_json_snapshot_goes_on_exactly_as_one_that_never_stopped()
    {
        var readings = Generate(new Random(42), 1200);
        var uninterrupted = Run(readings);

        var first = new MeterAccumulator(new MeterSnapshot(), Rules);
        var buckets = new List<EnergyBucket>();
        foreach (var r in readings.Take(600))
        {
            first.Apply(r, r.Timestamp);
            buckets.AddRange(first.TakeClosedBuckets());
        }

        var json = JsonSerializer.Serialize(first.Snapshot);
        var restored = new MeterAccumulator(JsonSerializer.Deserialize<MeterSnapshot>(json)!, Rules);
        foreach (var r in readings.Skip(600))
        {
            restored.Apply(r, r.Timestamp);
            buckets.AddRange(restored.TakeClosedBuckets());
        }

        buckets.AddRange(restored.OpenBuckets);
        AssertSameSnapshot(uninterrupted.Meter.Snapshot, restored.Snapshot);
        AssertSameBuckets(uninterrupted.Buckets, buckets);
    }

    private static (MeterAccumulator Meter, List<EnergyBucket> Buckets) Run(IEnumerable<MeterReading> readings)
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), Rules);
        var buckets = new List<EnergyBucket>();
        var newest = DateTimeOffset.MinValue;
        foreach (var r in readings)
        {
            newest = r.Timestamp > newest ? r.Timestamp : newest;
            Assert.Equal(ReadingOutcomeKind.Accepted, meter.Apply(r, newest).Kind);
            buckets.AddRange(meter.TakeClosedBuckets()); // closed buckets must be final whatever the order
        }

        buckets.AddRange(meter.OpenBuckets);
        return (meter, buckets);
    }

    /// <summary>
    /// Readings 5–40 s apart with random net power of either sign; now and then a power outage of 11 minutes
    /// (a gap) during which only registers arrive every 4 minutes; registers now and then reset or jitter.
    /// </summary>
    private static List<MeterReading> Generate(Random random, int count)
    {
        var readings = new List<MeterReading>();
        var t = Start;
        double import = 1000, export = 50;
        while (readings.Count < count)
        {
            if (random.NextDouble() < 0.02)
            {
                for (var i = 0; i < 3; i++)
                {
                    t = t.AddMinutes(4);
                    import += 5;
                    readings.Add(new MeterReading(t, ImportRegisterWh: import, ExportRegisterWh: export));
                }

                continue;
            }

            t = t.AddMilliseconds(random.Next(5_000, 40_000));
            var net = Math.Round((random.NextDouble() * 6000) - 3000, 1);
            import = random.NextDouble() switch
            {
                < 0.02 => Math.Round(random.NextDouble() * 10, 3), // reset
                < 0.05 => import - 0.5, // jitter
                _ => import + Math.Round(random.NextDouble() * 20, 3),
            };
            export += Math.Round(random.NextDouble() * 3, 3);
            var withRegisters = random.NextDouble() < 0.7;
            readings.Add(new MeterReading(
                t,
                Math.Max(net, 0),
                Math.Max(-net, 0),
                withRegisters ? import : null,
                withRegisters ? export : null,
                VoltageV: 230));
        }

        return readings;
    }

    private static void AssertSameSnapshot(MeterSnapshot expected, MeterSnapshot actual)
    {
        Assert.Equal(expected.IntegratedImportWh, actual.IntegratedImportWh, Precision);
        Assert.Equal(expected.IntegratedExportWh, actual.IntegratedExportWh, Precision);
        Assert.Equal(expected.Gaps, actual.Gaps);
        Assert.Equal(expected.GapSeconds, actual.GapSeconds, Precision);
        Assert.Equal(expected.ReadingsAccepted, actual.ReadingsAccepted);
        Assert.Equal(expected.LastReadingAt, actual.LastReadingAt);
        Assert.Equal(expected.ImportPowerW, actual.ImportPowerW);
        Assert.Equal(expected.ExportPowerW, actual.ExportPowerW);
        Assert.Equal(expected.ImportRegisterWh, actual.ImportRegisterWh);
        Assert.Equal(expected.ImportRegister.CorrectedWh!.Value, actual.ImportRegister.CorrectedWh!.Value, Precision);
        Assert.Equal(expected.ImportRegister.Resets, actual.ImportRegister.Resets);
        Assert.Equal(expected.ExportRegister.CorrectedWh!.Value, actual.ExportRegister.CorrectedWh!.Value, Precision);
    }

    private static void AssertSameBuckets(List<EnergyBucket> expected, List<EnergyBucket> actual)
    {
        Assert.True(expected.Count > 20);
        Assert.Equal(expected.Select(b => b.Start), actual.Select(b => b.Start));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.ImportWh, a.ImportWh, Precision);
            Assert.Equal(e.ExportWh, a.ExportWh, Precision);
            Assert.Equal(e.Complete, a.Complete);
            AssertSameOptional(e.RegisterImportWh, a.RegisterImportWh);
            AssertSameOptional(e.RegisterExportWh, a.RegisterExportWh);
        }

        Assert.Contains(expected, b => b.Complete);
        Assert.Contains(expected, b => !b.Complete);
        Assert.Contains(expected, b => b.RegisterImportWh is not null);
    }

    private static void AssertSameOptional(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, Precision);
        }
    }
}
