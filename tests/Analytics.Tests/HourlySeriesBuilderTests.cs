using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Tests;

public sealed class HourlySeriesBuilderTests
{
    private static readonly DateTimeOffset SixPm = new(2026, 10, 1, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Quarter_hours_of_energy_add_up_to_their_hour()
    {
        var builder = Fill(new HourlySeriesBuilder(HourAggregation.Sum));

        // 18:00..18:45 hold 1 + 2 + 3 + 4 = 10; 19:00 holds 5 alone.
        Assert.Equal([new HourlyValue(SixPm, 10), new HourlyValue(SixPm.AddHours(1), 5)], builder.Build());
        Assert.Equal(5, builder.Values);
    }

    [Fact]
    public void Instantaneous_values_are_averaged_over_their_hour()
    {
        // (1 + 2 + 3 + 4) / 4 = 2.5.
        Assert.Equal([new HourlyValue(SixPm, 2.5), new HourlyValue(SixPm.AddHours(1), 5)], Fill(new HourlySeriesBuilder(HourAggregation.Mean)).Build());
    }

    private static HourlySeriesBuilder Fill(HourlySeriesBuilder builder)
    {
        // Out of order, and one instant given with an offset: hours are UTC hours.
        builder.Add(SixPm.AddHours(1), 5);
        builder.Add(SixPm.AddMinutes(30).ToOffset(TimeSpan.FromHours(2)), 3);
        builder.Add(SixPm, 1);
        builder.Add(SixPm.AddMinutes(15), 2);
        builder.Add(SixPm.AddMinutes(45), 4);
        return builder;
    }
}
