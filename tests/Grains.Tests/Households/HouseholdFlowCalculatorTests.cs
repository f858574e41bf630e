using MeterGrains.Households;

namespace MeterGrains.Grains.Tests.Households;

public sealed class HouseholdFlowCalculatorTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Consumption_is_grid_import_minus_export_plus_production()
    {
        // Grid exports 1200 W while PV produces 2000 W (clamp reads it as export): the house uses 800 W.
        var flow = HouseholdFlowCalculator.Compute(
        [
            (MeterRole.Grid, new MeterPower("grid", T, 0, 1200)),
            (MeterRole.Production, new MeterPower("pv", T.AddSeconds(5), 0, 2000)),
            (MeterRole.Consumption, new MeterPower("heatpump", T, 450, 0)),
        ]);

        Assert.Equal(0, flow.GridImportW);
        Assert.Equal(1200, flow.GridExportW);
        Assert.Equal(2000, flow.ProductionW);
        Assert.Equal(800, flow.ConsumptionW);
        Assert.Equal(T.AddSeconds(5), flow.UpdatedAt);
    }

    [Fact]
    public void A_production_clamp_facing_the_other_way_still_counts_as_production()
    {
        // Grid imports 300 W, PV clamp reversed reads +500 W: consumption 300 + 500 = 800 W.
        var flow = HouseholdFlowCalculator.Compute(
        [
            (MeterRole.Grid, new MeterPower("grid", T, 300, 0)),
            (MeterRole.Production, new MeterPower("pv", T, 500, 0)),
        ]);

        Assert.Equal(500, flow.ProductionW);
        Assert.Equal(800, flow.ConsumptionW);
    }

    [Fact]
    public void No_meters_means_no_flow()
    {
        Assert.Equal(HouseholdFlow.Empty, HouseholdFlowCalculator.Compute([]));
    }
}
