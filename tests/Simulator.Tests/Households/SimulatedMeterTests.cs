using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Tests.Households;

public sealed class SimulatedMeterTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 6, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_constant_minute_grows_the_import_register_by_exactly_its_energy()
    {
        // Night, no PV, no peaks, no noise: 1200 W flat.
        var meter = Meter(new HouseholdProfile(BaseLoadW: 1200, MorningPeakW: 0, EveningPeakW: 0, EveningPeakHour: 19, PvPeakW: 0), importWh: 1000);

        var first = meter.Sample(Midnight.AddHours(2))!;
        var second = meter.Sample(Midnight.AddHours(2).AddMinutes(1))!;

        Assert.Equal(1200, second.Grid.PowerW);
        Assert.Equal(1000, first.Grid.ImportRegisterWh);
        // 1200 W × 60 s = 72000 W·s = 20 Wh.
        Assert.Equal(1020, second.Grid.ImportRegisterWh, precision: 9);
        Assert.Equal(0, second.Grid.ExportRegisterWh);
    }

    [Fact]
    public void Midday_PV_shows_as_negative_power_and_a_growing_export_register()
    {
        var meter = Meter(new HouseholdProfile(BaseLoadW: 200, MorningPeakW: 0, EveningPeakW: 0, EveningPeakHour: 19, PvPeakW: 4000), importWh: 5000);

        var noon = meter.Sample(Midnight.AddHours(13))!;
        var minuteLater = meter.Sample(Midnight.AddHours(13).AddMinutes(1))!;

        // 13:00: 200 − 4000 = −3800 W. 13:01: PV 4000 × cos(1/60 h / 6.5 h × π/2) = 4000 × 0.9999919 = 3999.97 W,
        // net −3799.97 W. A minute between them: about 3800 W × 60 s / 3600 = 63.33 Wh exported, nothing imported.
        Assert.Equal(-3800, noon.Grid.PowerW);
        Assert.Equal(-3799.97, minuteLater.Grid.PowerW, precision: 2);
        Assert.Equal(5000, minuteLater.Grid.ImportRegisterWh);
        Assert.Equal(63.33, minuteLater.Grid.ExportRegisterWh, precision: 2);
        // The PV clamp sees the production alone as returned power: 4000 W, and the same minute's 66.67 Wh.
        Assert.Equal(-4000, noon.Production.PowerW);
        Assert.Equal(66.67, minuteLater.Production.ExportRegisterWh, precision: 2);
    }

    [Fact]
    public void The_same_seed_gives_the_same_household()
    {
        var a = SimulatedMeter.Create(5, fleetSeed: 42, anomalyRate: 0, TimeZoneInfo.Utc);
        var b = SimulatedMeter.Create(5, fleetSeed: 42, anomalyRate: 0, TimeZoneInfo.Utc);
        var other = SimulatedMeter.Create(6, fleetSeed: 42, anomalyRate: 0, TimeZoneInfo.Utc);

        Assert.Equal(a.Profile, b.Profile);
        Assert.NotEqual(a.Profile, other.Profile);
        Assert.Equal(a.Sample(Midnight.AddHours(12)), b.Sample(Midnight.AddHours(12)));
    }

    private static SimulatedMeter Meter(HouseholdProfile profile, double importWh) =>
        new(0, profile, new Random(1), new AnomalySource(0), TimeZoneInfo.Utc, noise: 0, new EnergyRegisters(importWh, 0), new EnergyRegisters(0, 0));
}
