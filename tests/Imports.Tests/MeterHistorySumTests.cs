using MeterGrains.Analytics.Series;
using MeterGrains.Imports.History;

namespace MeterGrains.Imports.Tests;

public sealed class MeterHistorySumTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-09-07T00:00:00Z");

    [Fact]
    public void Only_the_hours_every_meter_has_are_summed_oldest_first()
    {
        // a: 10:00 100, 11:00 200, 12:00 300 (given out of order); b: 11:00 5, 12:00 7, 13:00 9.
        // Shared hours 11:00 and 12:00: 200 + 5 = 205, 300 + 7 = 307; 10:00 (only a) and 13:00 (only b) are left out.
        var a = new MeterHistory(MeterHistory.NetEnergyWh, [Hour(12, 300), Hour(10, 100), Hour(11, 200)]);
        var b = new MeterHistory(MeterHistory.NetEnergyWh, [Hour(11, 5), Hour(12, 7), Hour(13, 9)]);

        var sum = MeterHistorySum.Sum([a, b]);

        Assert.Equal([Hour(11, 205), Hour(12, 307)], sum.Hours);
        Assert.Equal(MeterHistory.NetEnergyWh, sum.Quantity);
    }

    [Fact]
    public void Interval_energy_alone_stays_energy_and_mixed_with_buckets_is_net()
    {
        var imported = new MeterHistory(MeterHistory.EnergyWh, [Hour(1, 10)]);
        var buckets = new MeterHistory(MeterHistory.NetEnergyWh, [Hour(1, -4)]);

        Assert.Equal(MeterHistory.EnergyWh, MeterHistorySum.Sum([imported, imported]).Quantity);
        var mixed = MeterHistorySum.Sum([imported, buckets]);
        Assert.Equal(MeterHistory.NetEnergyWh, mixed.Quantity);
        Assert.Equal([Hour(1, 6)], mixed.Hours); // 10 + (−4)
    }

    [Fact]
    public void Meters_without_a_shared_hour_sum_to_no_hours()
    {
        var a = new MeterHistory(MeterHistory.EnergyWh, [Hour(1, 10)]);
        var b = new MeterHistory(MeterHistory.EnergyWh, [Hour(2, 10)]);

        Assert.Empty(MeterHistorySum.Sum([a, b]).Hours);
    }

    private static HourlyValue Hour(int hour, double value) => new(T0.AddHours(hour), value);
}
