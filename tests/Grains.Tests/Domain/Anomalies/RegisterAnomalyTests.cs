using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

public sealed class RegisterAnomalyTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AnomalyRules Rules = new() { RegisterStalledAfterWh = 150 };

    private static MeterReading Import(double minutes, double registerWh, double? powerW = null) =>
        new(TenOClock.AddMinutes(minutes), ImportPowerW: powerW, ImportRegisterWh: registerWh);

    [Fact]
    public void A_drop_beyond_jitter_raises_register_backwards_exactly_when_energy_counting_takes_it_as_a_reset()
    {
        var meter = new AnomalyMeter(Rules);
        Assert.Empty(meter.Feed(Import(0, 5000)));
        // −0.5 Wh is jitter: the register holds 5000 Wh and compares the next value with it.
        Assert.Empty(meter.Feed(Import(1, 4999.5)));
        Assert.Equal(0, meter.Snapshot.ImportRegister.Resets);

        // 4998.6 is 0.9 Wh under the last reading but 1.4 Wh under the 5000 Wh held: a reset, and so an alert.
        var alert = Assert.Single(meter.Feed(Import(2, 4998.6)));
        Assert.Equal(1, meter.Snapshot.ImportRegister.Resets);
        Assert.Equal(AlertKinds.RegisterBackwards, alert.Kind);
        Assert.Equal(AlertSeverities.Warning, alert.Severity);
        Assert.Equal(TenOClock.AddMinutes(2), alert.Ts);
        Assert.Contains("import register", alert.Message);
        Assert.Contains("from 5000 Wh to 4998.6 Wh", alert.Message);

        // Counting on from the new value is normal again.
        Assert.Empty(meter.Feed(Import(3, 4999)));
    }

    [Fact]
    public void The_export_register_is_watched_alike_and_late_readings_are_not_judged()
    {
        var meter = new AnomalyMeter(Rules);
        meter.Feed(new MeterReading(TenOClock, ExportRegisterWh: 800));
        meter.Feed(new MeterReading(TenOClock.AddMinutes(2), ExportRegisterWh: 900));

        // A reading from 10:01 arriving now says 700 Wh: history, not the present (the reset correction still sees it).
        Assert.Empty(meter.Feed(new MeterReading(TenOClock.AddMinutes(1), ExportRegisterWh: 700)));

        var alert = Assert.Single(meter.Feed(new MeterReading(TenOClock.AddMinutes(3), ExportRegisterWh: 12)));
        Assert.Equal(AlertKinds.RegisterBackwards, alert.Kind);
        Assert.Contains("export register", alert.Message);
        Assert.Contains("from 900 Wh to 12 Wh", alert.Message);
    }

    [Fact]
    public void A_register_that_stays_put_while_power_flows_has_stalled_once_until_it_moves()
    {
        var meter = new AnomalyMeter(Rules);
        // 6000 W for 60 s between readings = 6000 × 60 / 3600 = 100 Wh a minute on the power integral.
        Assert.Empty(meter.Feed(Import(0, 1000, powerW: 6000)));
        Assert.Empty(meter.Feed(Import(1, 1000, powerW: 6000)));   // 100 Wh counted < 150

        var stalled = Assert.Single(meter.Feed(Import(2, 1000, powerW: 6000)));   // 200 Wh ≥ 150
        Assert.Equal(AlertKinds.RegisterStalled, stalled.Kind);
        Assert.Equal(TenOClock.AddMinutes(2), stalled.Ts);
        Assert.Contains("stayed at 1000 Wh while its power counted 200 Wh", stalled.Message);

        Assert.Empty(meter.Feed(Import(3, 1000, powerW: 6000)));   // 300 Wh: the same stall

        // It moves (integral 400 Wh), then holds for a minute (500 − 400 = 100 Wh < 150): nothing.
        Assert.Empty(meter.Feed(Import(4, 1400, powerW: 6000)));
        Assert.Empty(meter.Feed(Import(5, 1400, powerW: 6000)));
        Assert.False(meter.State.Flags.HasFlag(AnomalyFlags.ImportStalled));

        // A second stall is a new alert: 600 − 400 = 200 Wh.
        Assert.Equal(AlertKinds.RegisterStalled, Assert.Single(meter.Feed(Import(6, 1400, powerW: 6000))).Kind);
    }

    [Fact]
    public void A_register_that_stays_put_while_no_power_flows_is_fine()
    {
        var meter = new AnomalyMeter(Rules);
        for (var minute = 0; minute < 30; minute++)
        {
            Assert.Empty(meter.Feed(Import(minute, 1000, powerW: 0)));
        }
    }
}
