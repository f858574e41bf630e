using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Tests.Households;

public sealed class LinearEnergyTests
{
    [Fact]
    public void A_ramp_through_zero_is_split_at_the_crossing()
    {
        // domain.md's example: +100 W to −100 W over 60 s crosses zero at 30 s; each triangle is
        // 100 W × 30 s / 2 = 1500 W·s = 0.41667 Wh.
        var (import, export) = LinearEnergy.Between(100, -100, 60);

        Assert.Equal(0.41667, import, precision: 5);
        Assert.Equal(0.41667, export, precision: 5);
    }

    [Fact]
    public void A_ramp_upwards_is_a_trapezoid()
    {
        // (200 + 400) / 2 W × 90 s = 27000 W·s = 7.5 Wh.
        Assert.Equal((7.5, 0.0), LinearEnergy.Between(200, 400, 90));
    }
}
