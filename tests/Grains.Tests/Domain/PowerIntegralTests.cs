using MeterGrains.Domain;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class PowerIntegralTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void Constant_import_is_power_times_time()
    {
        // 1800 W for 120 s = 216000 W·s = 60 Wh imported.
        var energy = PowerIntegral.Between(1800, 1800, 120);
        Assert.Equal(60, energy.ImportWh, Precision);
        Assert.Equal(0, energy.ExportWh, Precision);
    }

    [Fact]
    public void Ramp_inside_export_is_a_trapezoid()
    {
        // -200 W to -400 W over 36 s: mean 300 W exported × 36 s = 10800 W·s = 3 Wh.
        var energy = PowerIntegral.Between(-200, -400, 36);
        Assert.Equal(0, energy.ImportWh, Precision);
        Assert.Equal(3, energy.ExportWh, Precision);
    }

    [Fact]
    public void Sign_change_is_split_at_the_zero_crossing()
    {
        // domain.md: +100 W to -100 W over 60 s crosses zero at 30 s:
        // import = ½·100·30 = 1500 W·s = 0.41667 Wh, export the same, not 0.8333 Wh of each.
        var energy = PowerIntegral.Between(100, -100, 60);
        Assert.Equal(1500.0 / 3600, energy.ImportWh, Precision);
        Assert.Equal(1500.0 / 3600, energy.ExportWh, Precision);
    }

    [Fact]
    public void Uneven_sign_change_from_export_to_import()
    {
        // -100 W to +300 W over 80 s: zero at 80·100/400 = 20 s.
        // export = ½·100·20 = 1000 W·s; import = ½·300·60 = 9000 W·s = 2.5 Wh.
        var energy = PowerIntegral.Between(-100, 300, 80);
        Assert.Equal(2.5, energy.ImportWh, Precision);
        Assert.Equal(1000.0 / 3600, energy.ExportWh, Precision);
    }

    [Fact]
    public void Empty_interval_has_no_energy()
    {
        Assert.Equal(default, PowerIntegral.Between(500, 700, 0));
    }
}
