using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

public sealed class PowerSpikeTests
{
    private static readonly DateTimeOffset ThreeOClock = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A memory of 60 s so that readings 60 s apart weigh α = 60 / (60 + 60) = 0.5; warm after 120 s observed.</summary>
    private static readonly AnomalyRules Rules = new()
    {
        SpikeScore = 6,
        SpikeFloorW = 1000,
        ProfileMemory = TimeSpan.FromSeconds(60),
        ProfileWarmUp = TimeSpan.FromSeconds(120),
    };

    private static MeterReading Power(double minutes, double netW) =>
        netW >= 0
            ? new MeterReading(ThreeOClock.AddMinutes(minutes), ImportPowerW: netW, ExportPowerW: 0)
            : new MeterReading(ThreeOClock.AddMinutes(minutes), ImportPowerW: 0, ExportPowerW: -netW);

    [Fact]
    public void A_reading_far_outside_a_warm_profile_raises_one_alert_per_episode()
    {
        var meter = new AnomalyMeter(Rules);
        Assert.Empty(meter.Feed(Power(0, 100)));   // profile 100 W, σ 0, 0 s observed
        Assert.Empty(meter.Feed(Power(1, 100)));   // d = 0: 100 W, σ 0, 60 s
        // Not warm yet (60 s < 120 s), though 100 W from a mean with σ 0. Then: d = 100, mean 150, variance
        // 0.5 × (0 + 0.5 × 100²) = 2500 (σ 50), 120 s.
        Assert.Empty(meter.Feed(Power(2, 200)));

        // 1200 W: 1050 W from the mean, ≥ the 1000 W floor and > 6 × 50 = 300 W.
        var spike = Assert.Single(meter.Feed(Power(3, 1200)));
        Assert.Equal(AlertKinds.PowerSpike, spike.Kind);
        Assert.Equal(AnomalyMeter.Id, spike.Subject);
        Assert.Equal(AlertSeverities.Warning, spike.Severity);
        Assert.Equal(ThreeOClock.AddMinutes(3), spike.Ts);
        Assert.Contains("1200 W", spike.Message);
        Assert.Contains("150 ± 50 W", spike.Message);
        Assert.Contains("03:00–04:00 UTC", spike.Message);

        // The profile takes the spike in: d = 1050, mean 675, variance 0.5 × (2500 + 0.5 × 1050²) = 276875 (σ 526.2).
        // 4000 W is 3325 W off, > 6 × 526.2 = 3157 W: still a spike, but the same episode.
        Assert.Empty(meter.Feed(Power(4, 4000)));
        Assert.True(meter.State.Flags.HasFlag(AnomalyFlags.InSpike));

        // Then mean 675 + 0.5 × 3325 = 2337.5: 2500 W is 162.5 W off, under the floor. The episode ends.
        Assert.Empty(meter.Feed(Power(5, 2500)));
        Assert.False(meter.State.Flags.HasFlag(AnomalyFlags.InSpike));
    }

    [Fact]
    public void The_floor_keeps_a_meter_near_zero_from_alerting_on_noise()
    {
        // 2, 4, 3 W: mean 2 → 3 (d = 2, variance 0.5 × 0.5 × 4 = 1) → 3 (d = 0, variance 0.5 × 1 = 0.5, σ 0.71), 120 s.
        // Then 500 W is 497 W off: > 6 × 0.71 = 4.2 W, but under a 1000 W floor.
        var quiet = new AnomalyMeter(Rules);
        foreach (var (minute, watts) in new[] { (0, 2.0), (1, 4.0), (2, 3.0), (3, 500.0) })
        {
            Assert.Empty(quiet.Feed(Power(minute, watts)));
        }

        // The same meter with no floor alerts on it.
        var unguarded = new AnomalyMeter(Rules with { SpikeFloorW = 0 });
        foreach (var (minute, watts) in new[] { (0, 2.0), (1, 4.0), (2, 3.0) })
        {
            Assert.Empty(unguarded.Feed(Power(minute, watts)));
        }

        Assert.Equal(AlertKinds.PowerSpike, Assert.Single(unguarded.Feed(Power(3, 500))).Kind);
    }

    [Fact]
    public void A_cold_hour_judges_nothing()
    {
        var meter = new AnomalyMeter(Rules with { SpikeFloorW = 0 });
        Assert.Empty(meter.Feed(Power(0, 100)));
        Assert.Empty(meter.Feed(Power(1, 100)));
        // 60 s observed < 120 s warm-up: 5000 W against 100 ± 0 W passes.
        Assert.Empty(meter.Feed(Power(2, 5000)));

        // Warm 03:00–04:00 says nothing about 04:00–05:00, whose profile is empty.
        Assert.Empty(meter.Feed(Power(3, 100)));
        Assert.Empty(meter.Feed(Power(60, 90_000)));
        Assert.True(PowerProfile.Read(meter.State.PowerProfile!, 3).ObservedSeconds >= 120);
    }

    [Fact]
    public void Time_after_a_gap_and_late_readings_do_not_train_the_profile()
    {
        var meter = new AnomalyMeter(Rules);
        meter.Feed(Power(0, 100));
        // 20 min later: more than MaxGap (10 min), so the 100 W held for an unknown time and weighs nothing.
        meter.Feed(Power(20, 300));
        Assert.Equal(new HourProfile(100, 0, 0), PowerProfile.Read(meter.State.PowerProfile!, 3));

        // A late reading inside the reorder window is integrated, but the checks judge only the present.
        meter.Feed(Power(21, 100));
        var before = PowerProfile.Read(meter.State.PowerProfile!, 3);
        meter.Feed(Power(20.5, 50_000));
        Assert.Equal(before, PowerProfile.Read(meter.State.PowerProfile!, 3));
    }
}
