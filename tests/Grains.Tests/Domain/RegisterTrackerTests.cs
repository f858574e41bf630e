using MeterGrains.Domain;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class RegisterTrackerTests
{
    [Fact]
    public void Rising_register_counts_its_increase()
    {
        var register = new RegisterTracker();
        register.Apply(1000);
        register.Apply(1250.5);
        Assert.Equal(250.5, register.EnergySinceFirstWh);
    }

    [Fact]
    public void Drop_of_more_than_one_wh_is_a_reset_that_continues_from_the_previous_value()
    {
        // 5000 → 5100 (+100), reboot to 3 (reset: the register counted 3 Wh since 0), → 10 (+7): 110 Wh in all.
        var register = new RegisterTracker();
        register.Apply(5000);
        register.Apply(5100);
        register.Apply(3);
        register.Apply(10);
        Assert.Equal(110, register.EnergySinceFirstWh);
        Assert.Equal(1, register.Resets);
    }

    [Fact]
    public void Drop_of_at_most_one_wh_is_jitter_and_holds_the_value()
    {
        // 2000 → 1999.2 (jitter, hold 2000) → 2001 (+1 over the held 2000): 1 Wh, not 1.8.
        var register = new RegisterTracker();
        register.Apply(2000);
        Assert.Equal(2000, register.Apply(1999.2));
        register.Apply(2001);
        Assert.Equal(1, register.EnergySinceFirstWh);
        Assert.Equal(0, register.Resets);
    }
}
