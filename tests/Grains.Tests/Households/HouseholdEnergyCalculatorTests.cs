using MeterGrains.Households;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Households;

public sealed class HouseholdEnergyCalculatorTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TenFifteen = Ten.AddMinutes(15);
    private static readonly (DateTimeOffset, DateTimeOffset)[] OneQuarter = [(Ten, TenFifteen)];

    private static MeterEnergyBucket Bucket(double importWh, double exportWh, bool complete = true) =>
        new(Ten, TenFifteen, importWh, exportWh, null, null, complete);

    private static (MeterRole, IReadOnlyList<MeterEnergyBucket>) Meter(MeterRole role, params MeterEnergyBucket[] buckets) => (role, buckets);

    [Fact]
    public void Grid_import_and_a_production_meter_make_consumption_and_self_sufficiency()
    {
        // Grid imports 100 Wh; the PV clamp faces the grid way, so its 400 Wh show as export.
        // Production 400; consumption 100 − 0 + 400 = 500; self-sufficiency 1 − 100/500 = 0.8.
        var bucket = Assert.Single(HouseholdEnergyCalculator.Combine(OneQuarter, [Meter(MeterRole.Grid, Bucket(100, 0)), Meter(MeterRole.Production, Bucket(0, 400))]));

        Assert.Equal((Ten, TenFifteen), (bucket.Start, bucket.End));
        Assert.Equal(100, bucket.ImportWh, Precision);
        Assert.Equal(0, bucket.ExportWh, Precision);
        Assert.Equal(400, bucket.ProductionWh, Precision);
        Assert.Equal(500, bucket.ConsumptionWh, Precision);
        Assert.Equal(0.8, bucket.SelfSufficiency!.Value, Precision);
        Assert.True(bucket.Complete);
    }

    [Fact]
    public void Exporting_household_with_two_grid_channels()
    {
        // Two grid channels: import 15 + 5 = 20, export 200 + 100 = 300; PV reads as import, 500 Wh, plus 2 Wh of standby
        // drawn the other way counts too (import + export): production 502. Consumption 20 − 300 + 502 = 222;
        // self-sufficiency 1 − 20/222 = 202/222.
        var bucket = Assert.Single(HouseholdEnergyCalculator.Combine(OneQuarter,
        [
            Meter(MeterRole.Grid, Bucket(15, 200)),
            Meter(MeterRole.Grid, Bucket(5, 100)),
            Meter(MeterRole.Production, Bucket(500, 2)),
        ]));

        Assert.Equal(20, bucket.ImportWh, Precision);
        Assert.Equal(300, bucket.ExportWh, Precision);
        Assert.Equal(502, bucket.ProductionWh, Precision);
        Assert.Equal(222, bucket.ConsumptionWh, Precision);
        Assert.Equal(202.0 / 222, bucket.SelfSufficiency!.Value, Precision);
    }

    [Fact]
    public void Consumption_meters_do_not_contribute()
    {
        // A sub-circuit is part of the consumption already: its 999 Wh and its incompleteness change nothing.
        var bucket = Assert.Single(HouseholdEnergyCalculator.Combine(OneQuarter,
            [Meter(MeterRole.Grid, Bucket(100, 0)), Meter(MeterRole.Consumption, Bucket(999, 0, complete: false))]));

        Assert.Equal(100, bucket.ConsumptionWh, Precision);
        Assert.Equal(0, bucket.SelfSufficiency!.Value, Precision); // 1 − 100/100
        Assert.True(bucket.Complete);
    }

    [Fact]
    public void A_missing_or_incomplete_meter_bucket_makes_the_household_bucket_incomplete()
    {
        var spans = new[] { (Ten, TenFifteen), (TenFifteen, TenFifteen.AddMinutes(15)) };
        var grid = Meter(MeterRole.Grid, Bucket(100, 0), Bucket(100, 0) with { Start = TenFifteen, End = TenFifteen.AddMinutes(15) });

        // The PV meter has the first quarter-hour only, and that one incomplete.
        var buckets = HouseholdEnergyCalculator.Combine(spans, [grid, Meter(MeterRole.Production, Bucket(0, 40, complete: false))]);

        Assert.Equal([false, false], buckets.Select(b => b.Complete));
        Assert.Equal([140.0, 100.0], buckets.Select(b => b.ConsumptionWh)); // 100 + 40, then 100 + nothing
    }

    [Fact]
    public void Without_a_grid_meter_nothing_is_complete()
    {
        var bucket = Assert.Single(HouseholdEnergyCalculator.Combine(OneQuarter, [Meter(MeterRole.Production, Bucket(300, 0))]));

        Assert.False(bucket.Complete);
        Assert.Equal(300, bucket.ConsumptionWh, Precision);
    }

    [Theory]
    [InlineData(0, 0, 0)] // nothing used: 0 − 0 + 0 = 0
    [InlineData(0, 100, 50)] // meters disagree: 0 − 100 + 50 = −50
    public void Self_sufficiency_is_null_without_positive_consumption(double importWh, double exportWh, double productionWh)
    {
        var bucket = Assert.Single(HouseholdEnergyCalculator.Combine(OneQuarter,
            [Meter(MeterRole.Grid, Bucket(importWh, exportWh)), Meter(MeterRole.Production, Bucket(productionWh, 0))]));

        Assert.Null(bucket.SelfSufficiency);
    }
}
