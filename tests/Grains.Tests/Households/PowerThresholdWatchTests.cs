using MeterGrains.Households;

namespace MeterGrains.Grains.Tests.Households;

public sealed class PowerThresholdWatchTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
    private static readonly PowerThreshold Limit = new(5000, TimeSpan.FromSeconds(60));

    [Fact]
    public void Power_above_the_limit_for_the_sustain_time_exceeds_at_start_plus_sustain()
    {
        var watch = new PowerThresholdWatch(Limit);

        Assert.Empty(watch.Observe(4000, T));
        Assert.Empty(watch.Observe(6000, T.AddSeconds(10)));   // above since +10 s
        Assert.Empty(watch.Observe(7000, T.AddSeconds(40)));   // 30 s above: not yet
        var crossings = watch.Observe(6500, T.AddSeconds(75)); // 65 s above: exceeded at 10 + 60 = 70 s

        Assert.Equal([new ThresholdCrossing(Exceeded: true, T.AddSeconds(70))], crossings);
        Assert.True(watch.IsExceeded);
        Assert.Empty(watch.Observe(8000, T.AddSeconds(90))); // raised once per run
    }

    [Fact]
    public void Falling_to_the_limit_recovers_and_a_new_run_starts_afresh()
    {
        var watch = new PowerThresholdWatch(Limit);
        watch.Observe(6000, T);
        watch.Observe(6000, T.AddSeconds(60)); // exceeded at exactly 60 s

        // Exactly at the limit is not above it.
        Assert.Equal([new ThresholdCrossing(Exceeded: false, T.AddSeconds(61))], watch.Observe(5000, T.AddSeconds(61)));
        Assert.False(watch.IsExceeded);

        Assert.Empty(watch.Observe(6000, T.AddSeconds(100)));
        Assert.Empty(watch.Observe(6000, T.AddSeconds(159))); // 59 s of the new run
        Assert.Equal([new ThresholdCrossing(Exceeded: true, T.AddSeconds(160))], watch.Observe(6000, T.AddSeconds(161)));
    }

    [Fact]
    public void A_short_spike_raises_nothing()
    {
        var watch = new PowerThresholdWatch(Limit);

        Assert.Empty(watch.Observe(9000, T));
        Assert.Empty(watch.Observe(100, T.AddSeconds(59))); // above for 59 s only
        Assert.False(watch.IsExceeded);
    }

    [Fact]
    public void A_run_that_outlasted_the_sustain_between_two_observations_exceeds_and_recovers_at_once()
    {
        // The flow holds its value until the next observation: 6000 W from 0 to 90 s, then 1000 W.
        var watch = new PowerThresholdWatch(Limit);
        watch.Observe(6000, T);

        var crossings = watch.Observe(1000, T.AddSeconds(90));

        Assert.Equal(
            [new ThresholdCrossing(Exceeded: true, T.AddSeconds(60)), new ThresholdCrossing(Exceeded: false, T.AddSeconds(90))],
            crossings);
    }

    [Fact]
    public void Zero_sustain_exceeds_at_the_first_observation_above()
    {
        var watch = new PowerThresholdWatch(new PowerThreshold(5000, TimeSpan.Zero));

        Assert.Equal([new ThresholdCrossing(Exceeded: true, T)], watch.Observe(5000.5, T));
    }

    [Fact]
    public void An_observation_older_than_the_newest_is_ignored()
    {
        var watch = new PowerThresholdWatch(Limit);
        watch.Observe(6000, T.AddSeconds(30));

        Assert.Empty(watch.Observe(100, T)); // older: would otherwise end the run
        Assert.Equal([new ThresholdCrossing(Exceeded: true, T.AddSeconds(90))], watch.Observe(6000, T.AddSeconds(90)));
    }
}
