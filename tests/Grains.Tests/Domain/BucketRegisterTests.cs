using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class BucketRegisterTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bucket_register_energy_follows_the_reset_corrected_register_through_a_reset_and_jitter()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        // Raw import register every 10 minutes: 5000, 5100, reset to 3, jitter down to 2.5, 13.
        // Corrected R: 5000, 5100, 5100 + 3 = 5103 (reset), 5103 (jitter held), 5103 + (13 − 3) = 5113.
        foreach (var (minute, raw) in new[] { (0, 5000.0), (10, 5100.0), (20, 3.0), (30, 2.5), (40, 13.0) })
        {
            meter.Apply(new MeterReading(Ten.AddMinutes(minute), ImportRegisterWh: raw), Ten.AddHours(1));
        }

        // R(10:00) = 5000; R(10:15) halfway between 5100 and 5103 = 5101.5; R(10:30) = 5103; R(10:45) unknown (after 10:40).
        var buckets = meter.OpenBuckets;
        Assert.Equal([Ten, Ten.AddMinutes(15), Ten.AddMinutes(30)], buckets.Select(b => b.Start));
        Assert.Equal(101.5, buckets[0].RegisterImportWh!.Value, Precision);
        Assert.Equal(1.5, buckets[1].RegisterImportWh!.Value, Precision); // 1.0 had the jitter not been held
        Assert.Null(buckets[2].RegisterImportWh);
        Assert.All(buckets, b => Assert.Null(b.RegisterExportWh));
        Assert.All(buckets, b => Assert.False(b.Complete)); // no power: the integral covers nothing
        Assert.Equal(113, meter.Snapshot.ImportRegister.CorrectedWh - meter.Snapshot.ImportRegister.FirstRawWh);
        Assert.Equal(13, meter.Snapshot.ImportRegisterWh);
    }

    [Fact]
    public void A_late_register_reading_redecides_the_reset_after_it()
    {
        var meter = new MeterAccumulator(new MeterSnapshot(), new MeterRules());
        meter.Apply(new MeterReading(Ten, ImportRegisterWh: 1000), Ten.AddHours(1));
        meter.Apply(new MeterReading(Ten.AddMinutes(10), ImportRegisterWh: 1002), Ten.AddHours(1));
        // In order 1000 → 1002 is +2. A late 1010 at 10:05 makes 1002 a drop of 8 Wh after it: a reset.
        // Corrected: 1000, 1010, 1010 + 1002 = 2012; R(10:00) = 1000, nothing brackets 10:15.
        meter.Apply(new MeterReading(Ten.AddMinutes(5), ImportRegisterWh: 1010), Ten.AddHours(1));

        Assert.Equal(1, meter.Snapshot.ImportRegister.Resets);
        Assert.Equal(1012, meter.Snapshot.ImportRegister.CorrectedWh - meter.Snapshot.ImportRegister.FirstRawWh);
        Assert.Equal(1002, meter.Snapshot.ImportRegisterWh);
        meter.Apply(new MeterReading(Ten.AddMinutes(20), ImportRegisterWh: 1012), Ten.AddHours(1));
        // R(10:15) = halfway between 2012 (10:10) and 2022 (10:20) = 2017: the 10:00 bucket has 1017 Wh.
        Assert.Equal(1017, meter.OpenBuckets[0].RegisterImportWh!.Value, Precision);
    }
}
