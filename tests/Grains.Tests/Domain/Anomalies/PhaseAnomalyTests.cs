using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

public sealed class PhaseAnomalyTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AnomalyRules Rules = new() { DeadPhaseVoltageV = 50, PhaseDeadAfter = TimeSpan.FromSeconds(60) };

    private static MeterReading Volts(double seconds, double voltageV) => new(TenOClock.AddSeconds(seconds), ImportPowerW: 0, VoltageV: voltageV);

    [Fact]
    public void A_line_that_stays_dead_for_the_hold_time_raises_phase_dead_and_its_return_phase_restored()
    {
        var meter = new AnomalyMeter(Rules);
        Assert.Empty(meter.Feed(Volts(0, 230.1)));
        Assert.Empty(meter.Feed(Volts(30, 0.4)));    // dead since 10:00:30
        Assert.Empty(meter.Feed(Volts(60, 0.3)));    // 30 s < 60 s
        Assert.Empty(meter.Feed(new MeterReading(TenOClock.AddSeconds(75), ImportPowerW: 0)));   // no voltage: no news

        // 10:01:30 − 10:00:30 = 60 s: dead, with ts = 10:00:30 + 60 s.
        var dead = Assert.Single(meter.Feed(Volts(90, 0.2)));
        Assert.Equal(AlertKinds.PhaseDead, dead.Kind);
        Assert.Equal(AlertSeverities.Critical, dead.Severity);
        Assert.Equal(TenOClock.AddSeconds(90), dead.Ts);
        Assert.Contains("since 2026-11-22T10:00:30Z", dead.Message);

        Assert.Empty(meter.Feed(Volts(120, 0)));     // the same dead spell

        var back = Assert.Single(meter.Feed(Volts(150, 229)));
        Assert.Equal(AlertKinds.PhaseRestored, back.Kind);
        Assert.Equal(AlertSeverities.Info, back.Severity);
        Assert.Equal(TenOClock.AddSeconds(150), back.Ts);
        Assert.Empty(meter.Feed(Volts(180, 231)));
    }

    [Fact]
    public void A_dip_shorter_than_the_hold_time_raises_nothing_and_starts_over()
    {
        var meter = new AnomalyMeter(Rules);
        meter.Feed(Volts(0, 230));
        Assert.Empty(meter.Feed(Volts(10, 3)));
        Assert.Empty(meter.Feed(Volts(50, 3)));      // 40 s
        Assert.Empty(meter.Feed(Volts(60, 180)));    // a low voltage is not a dead one
        Assert.Empty(meter.Feed(Volts(70, 3)));      // a new spell from 10:01:10
        Assert.Empty(meter.Feed(Volts(120, 3)));     // 50 s
        Assert.Single(meter.Feed(Volts(130, 3)));    // 60 s
    }

    [Fact]
    public void A_line_never_seen_live_is_not_judged()
    {
        // A channel wired to nothing reads 0 V from the start.
        var meter = new AnomalyMeter(Rules);
        for (var s = 0; s <= 600; s += 30)
        {
            Assert.Empty(meter.Feed(Volts(s, 0.1)));
        }
    }
}
