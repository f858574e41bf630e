using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class QuarterHourBucketTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly MeterAccumulator _meter = new(new MeterSnapshot(), new MeterRules());

    private ReadingOutcome Apply(TimeSpan at, double? import = null, double? export = null) =>
        _meter.Apply(new MeterReading(Ten + at, import, export), Ten.AddHours(1));

    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void An_interval_across_a_bucket_edge_is_split_at_the_edge_on_the_same_line()
    {
        Apply(M(14), import: 600);
        Apply(M(16), import: 1200);

        // The line 600 W → 1200 W over 120 s is 900 W at 10:15.
        // 10:00 bucket: 60 s × (600 + 900) / 2 = 45000 W·s = 12.5 Wh; 10:15 bucket: 60 s × (900 + 1200) / 2 = 63000 W·s = 17.5 Wh.
        var buckets = _meter.OpenBuckets;
        Assert.Equal(2, buckets.Count);
        Assert.Equal(Ten, buckets[0].Start);
        Assert.Equal(Ten.AddMinutes(15), buckets[0].End);
        Assert.Equal(12.5, buckets[0].ImportWh, Precision);
        Assert.Equal(Ten.AddMinutes(15), buckets[1].Start);
        Assert.Equal(17.5, buckets[1].ImportWh, Precision);
        Assert.All(buckets, b => Assert.False(b.Complete)); // one minute of fifteen covered each
        Assert.All(buckets, b => Assert.Null(b.RegisterImportWh));
        Assert.Equal(30, _meter.Snapshot.IntegratedImportWh, Precision);
    }

    [Fact]
    public void A_sign_change_inside_an_interval_across_an_edge_splits_at_the_edge_and_the_zero_crossing()
    {
        Apply(M(14), import: 300);
        Apply(M(16), export: 900);

        // Net +300 W → −900 W over 120 s: −300 W at the 10:15 edge.
        // 10:00 bucket, +300 → −300 over 60 s, zero at 30 s: ½·300·30 = 4500 W·s = 1.25 Wh imported and 1.25 Wh exported.
        // 10:15 bucket, −300 → −900 over 60 s: 600 W × 60 s = 36000 W·s = 10 Wh exported.
        // Whole interval: zero at 120·300/1200 = 30 s; import ½·300·30 = 1.25 Wh, export ½·900·90 = 40500 W·s = 11.25 Wh.
        var buckets = _meter.OpenBuckets;
        Assert.Equal(1.25, buckets[0].ImportWh, Precision);
        Assert.Equal(1.25, buckets[0].ExportWh, Precision);
        Assert.Equal(0, buckets[1].ImportWh, Precision);
        Assert.Equal(10, buckets[1].ExportWh, Precision);
        Assert.Equal(1.25, _meter.Snapshot.IntegratedImportWh, Precision);
        Assert.Equal(11.25, _meter.Snapshot.IntegratedExportWh, Precision);
    }

    [Fact]
    public void A_bucket_covered_from_edge_to_edge_is_complete()
    {
        for (var minute = 0; minute <= 15; minute += 5)
        {
            Apply(M(minute), import: 1200);
        }

        // 1200 W × 900 s = 1080000 W·s = 300 Wh; the interval ending exactly at 10:15 opens no 10:15 bucket.
        var bucket = Assert.Single(_meter.OpenBuckets);
        Assert.Equal(300, bucket.ImportWh, Precision);
        Assert.True(bucket.Complete);
    }

    [Fact]
    public void A_gap_is_counted_not_integrated_and_the_buckets_it_touches_are_incomplete()
    {
        Apply(M(0), import: 1000);
        Apply(M(5), import: 1000);
        Apply(M(20), import: 1000); // 900 s after the last: a gap (> 600 s)
        Apply(M(25), import: 1000);

        // Integrated: 10:00–10:05 and 10:20–10:25, 300 s × 1000 W each = 83.333 Wh each.
        Assert.Equal(1, _meter.Snapshot.Gaps);
        Assert.Equal(900, _meter.Snapshot.GapSeconds);
        Assert.Equal(600_000.0 / 3600, _meter.Snapshot.IntegratedImportWh, Precision);
        var buckets = _meter.OpenBuckets;
        Assert.Equal([Ten, Ten.AddMinutes(15)], buckets.Select(b => b.Start));
        Assert.All(buckets, b => Assert.Equal(300_000.0 / 3600, b.ImportWh, Precision));
        Assert.All(buckets, b => Assert.False(b.Complete));
    }

    [Fact]
    public void A_late_reading_that_splits_a_gap_into_integrable_intervals_uncounts_the_gap()
    {
        Apply(M(0), import: 1000);
        Apply(M(5), import: 1000);
        Apply(M(20), import: 1000);
        Apply(M(25), import: 1000);

        // 10:12 is within 15 minutes of 10:25; 10:05–10:12 (420 s) and 10:12–10:20 (480 s) are both ≤ 600 s.
        Assert.Equal(ReadingOutcomeKind.Accepted, Apply(M(12), import: 1000).Kind);

        // Now 10:00–10:25 is integrated without a hole: 1500 s × 1000 W = 416.667 Wh;
        // 10:00 bucket fully covered, 900 s → 250 Wh, complete; 10:15 bucket 10:15–10:25, 600 s → 166.667 Wh.
        Assert.Equal(0, _meter.Snapshot.Gaps);
        Assert.Equal(0, _meter.Snapshot.GapSeconds, Precision);
        Assert.Equal(1_500_000.0 / 3600, _meter.Snapshot.IntegratedImportWh, Precision);
        var buckets = _meter.OpenBuckets;
        Assert.Equal(250, buckets[0].ImportWh, Precision);
        Assert.True(buckets[0].Complete);
        Assert.Equal(600_000.0 / 3600, buckets[1].ImportWh, Precision);
        Assert.False(buckets[1].Complete);
        Assert.Equal(1, _meter.Snapshot.ReorderedReadings);
    }

    [Fact]
    public void Closed_buckets_are_taken_once_and_buckets_inside_the_window_stay_open()
    {
        // One reading a minute, 10:00 to 10:40, 600 W: every covered minute is 10 Wh.
        for (var minute = 0; minute <= 40; minute++)
        {
            Apply(M(minute), import: 600);
        }

        // Latest 10:40, cutoff 10:25, the last reading before it 10:24: buckets ending by 10:24 are final.
        Assert.Equal(Ten.AddMinutes(24), _meter.ClosingBound);
        var closed = _meter.TakeClosedBuckets();
        var only = Assert.Single(closed);
        Assert.Equal(Ten, only.Start);
        Assert.Equal(150, only.ImportWh, Precision); // 900 s × 600 W = 540000 W·s
        Assert.True(only.Complete);
        Assert.Empty(_meter.TakeClosedBuckets());
        Assert.Equal([Ten.AddMinutes(15), Ten.AddMinutes(30)], _meter.OpenBuckets.Select(b => b.Start));
    }
}
