using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class ReorderWindowTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Received = Ten.AddHours(1);

    private static MeterReading Power(double minutes, double importW) => new(Ten.AddMinutes(minutes), importW);

    [Fact]
    public void A_late_reading_inside_the_window_resplits_its_interval_and_corrects_both_buckets()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        meter.Apply(Power(14, 600), Received);
        meter.Apply(Power(16, 1200), Received);
        Assert.Equal(ReadingOutcomeKind.Accepted, meter.Apply(Power(14.5, 1000), Received).Kind);

        // 10:14:00–10:14:30, 600 → 1000 W: 30 s × 800 W = 24000 W·s.
        // 10:14:30–10:16:00, 1000 → 1200 W over 90 s: at 10:15 (30 s in) 1000 + 200/3 = 1066.667 W;
        //   10:14:30–10:15: 30 s × (1000 + 1066.667) / 2 = 31000 W·s; 10:15–10:16: 60 s × (1066.667 + 1200) / 2 = 68000 W·s.
        // 10:00 bucket: 24000 + 31000 = 55000 W·s = 15.278 Wh; 10:15 bucket: 68000 W·s = 18.889 Wh; total 123000 W·s = 34.167 Wh.
        var buckets = meter.OpenBuckets;
        Assert.Equal(55_000.0 / 3600, buckets[0].ImportWh, Precision);
        Assert.Equal(68_000.0 / 3600, buckets[1].ImportWh, Precision);
        Assert.Equal(123_000.0 / 3600, meter.Snapshot.IntegratedImportWh, Precision);

        // The same as applying the three readings in order.
        var inOrder = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        foreach (var r in new[] { Power(14, 600), Power(14.5, 1000), Power(16, 1200) })
        {
            inOrder.Apply(r, Received);
        }

        Assert.Equal(inOrder.Snapshot.IntegratedImportWh, meter.Snapshot.IntegratedImportWh, Precision);
        Assert.Equal(inOrder.OpenBuckets.Select(b => b.ImportWh), buckets.Select(b => b.ImportWh), new Tolerance(Precision));

        // The live values stay those of the newest reading.
        Assert.Equal(1200, meter.Snapshot.ImportPowerW);
        Assert.Equal(Ten.AddMinutes(16), meter.Snapshot.LastReadingAt);
        Assert.Equal(3, meter.Snapshot.ReadingsAccepted);
        Assert.Equal(1, meter.Snapshot.ReorderedReadings);
    }

    [Fact]
    public void A_late_reading_older_than_the_window_is_late_and_changes_no_integral()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        for (var minute = 0; minute <= 20; minute += 5)
        {
            meter.Apply(Power(minute, 1000), Received);
        }

        // Latest 10:20, window 15 min: 10:04:59 is before the cutoff 10:05.
        var outcome = meter.Apply(new MeterReading(Ten.AddMinutes(5).AddSeconds(-1), 5000), Received);

        Assert.Equal(ReadingOutcomeKind.Late, outcome.Kind);
        // Still 1200 s × 1000 W = 333.333 Wh, and the 10:00 bucket 900 s × 1000 W = 250 Wh.
        Assert.Equal(1_200_000.0 / 3600, meter.Snapshot.IntegratedImportWh, Precision);
        Assert.Equal(250, meter.OpenBuckets[0].ImportWh, Precision);
        Assert.Equal(1, meter.Snapshot.LateReadings);
        Assert.Equal(6, meter.Snapshot.ReadingsAccepted);
    }

    [Fact]
    public void A_repeat_of_an_older_reading_in_the_window_is_a_duplicate_or_a_conflict()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        meter.Apply(Power(0, 600), Received);
        meter.Apply(new MeterReading(Ten.AddMinutes(1), 600, 0, ImportRegisterWh: 1000, VoltageV: 230), Received);
        meter.Apply(Power(2, 600), Received);

        // 120 s × 600 W = 20 Wh, whatever is repeated afterwards.
        Assert.Equal(ReadingOutcomeKind.Duplicate, meter.Apply(new MeterReading(Ten.AddMinutes(1), 600, 0, ImportRegisterWh: 1000, VoltageV: 230), Received).Kind);
        var conflict = meter.Apply(new MeterReading(Ten.AddMinutes(1), 600, 0, ImportRegisterWh: 1000, VoltageV: 231), Received);
        Assert.Equal(ReadingOutcomeKind.Conflict, conflict.Kind);
        Assert.Contains("first copy stands", conflict.Reason);
        Assert.Equal(ReadingOutcomeKind.Conflict, meter.Apply(Power(1, 900), Received).Kind);

        Assert.Equal(20, meter.Snapshot.IntegratedImportWh, Precision);
        Assert.Equal(20, meter.OpenBuckets[0].ImportWh, Precision);
        Assert.Equal(1, meter.Snapshot.Duplicates);
        Assert.Equal(2, meter.Snapshot.Conflicts);
        Assert.Equal(3, meter.Snapshot.ReadingsAccepted);
    }

    [Fact]
    public void The_window_is_trimmed_to_the_readings_a_late_reading_can_still_need()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        for (var s = 0; s <= 3600; s += 10)
        {
            meter.Apply(new MeterReading(Ten.AddSeconds(s), 500, ImportRegisterWh: 1000 + s), Received);
        }

        // Latest 11:00, cutoff 10:45: 10:45:00 … 11:00:00 is 91 readings, plus 10:44:50 as the left end.
        Assert.Equal(92, meter.RecentReadings.Count);
        Assert.Equal(Ten.AddSeconds(2690), meter.RecentReadings[0].At);
    }

    private sealed class Tolerance(double precision) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= precision;

        public int GetHashCode(double obj) => 0;
    }
}
