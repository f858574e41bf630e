using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Tests.Households;

public sealed class HouseholdProfileTests
{
    private static readonly HouseholdProfile WithPv = new(BaseLoadW: 200, MorningPeakW: 500, EveningPeakW: 1500, EveningPeakHour: 19, PvPeakW: 4000);
    private static readonly HouseholdProfile WithoutPv = WithPv with { PvPeakW = 0 };

    [Fact]
    public void A_PV_household_exports_at_midday()
    {
        // 13:00 is solar noon: PV 4000 W. The bumps are e^−(5.5²) × 500 ≈ 4e−11 W and e^−(4²) × 1500 ≈ 2e−4 W.
        // Net 200 − 4000 = −3800 W.
        Assert.Equal(-3800, WithPv.NetPowerW(13.0), precision: 2);
    }

    [Fact]
    public void At_night_only_the_base_load_remains()
    {
        // 03:00: the PV arch (06:30–19:30) is down, both bumps are further than 4 widths away.
        Assert.Equal(200, WithPv.NetPowerW(3.0), precision: 2);
    }

    [Fact]
    public void The_evening_peak_sits_on_top_of_the_base_load()
    {
        // 19:00: base 200 + evening 1500 (at its centre) + morning e^−(11.5²) × 500 ≈ 0.
        Assert.Equal(1700, WithoutPv.NetPowerW(19.0), precision: 2);
    }
}
