using MeterGrains.Domain;
using MeterGrains.Energy;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class MeterEnergyViewTests
{
    private const double Precision = 1e-9;
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static EnergyBucket Quarter(DateTimeOffset start, double importWh, bool complete = true, double? registerWh = null) =>
        new(start, start + QuarterHour.Length, importWh, 0, registerWh, null, complete);

    [Fact]
    public void Open_buckets_win_over_stored_ones_and_only_the_range_is_kept()
    {
        var stored = new[] { Quarter(Ten.AddMinutes(-15), 9), Quarter(Ten, 1), Quarter(Ten.AddMinutes(15), 2) };
        var open = new[] { Quarter(Ten.AddMinutes(15), 5), Quarter(Ten.AddMinutes(30), 3) };

        var merged = MeterEnergyView.Merge(stored, open, Ten, Ten.AddMinutes(30));

        // 09:45 is before the range and 10:30 is at its (exclusive) end; 10:15 is the open copy.
        Assert.Equal([Ten, Ten.AddMinutes(15)], merged.Select(b => b.Start));
        Assert.Equal([1.0, 5.0], merged.Select(b => b.ImportWh));
    }

    [Fact]
    public void Every_quarter_hour_of_the_range_is_returned_and_a_missing_one_is_empty_and_incomplete()
    {
        var view = MeterEnergyView.Build([Quarter(Ten.AddMinutes(15), 300)], Ten, Ten.AddMinutes(45), EnergyInterval.QuarterHour, Utc);

        Assert.Equal([Ten, Ten.AddMinutes(15), Ten.AddMinutes(30)], view.Select(b => b.Start));
        Assert.Equal([0.0, 300.0, 0.0], view.Select(b => b.ImportWh));
        Assert.Equal([false, true, false], view.Select(b => b.Complete));
        Assert.Null(view[0].RegisterImportWh);
        Assert.Equal(Ten.AddMinutes(15), view[0].End);
    }

    [Fact]
    public void Hours_sum_their_quarter_hours_and_are_complete_only_with_all_four()
    {
        // Hour 10: four quarter-hours of 300 Wh and 250 Wh register each: 1200 Wh, register 1000 Wh, complete.
        // Hour 11: two quarter-hours: 600 Wh, incomplete, no register energy. Hour 12: nothing.
        var quarters = Enumerable.Range(0, 6).Select(i => Quarter(Ten.AddMinutes(15 * i), 300, registerWh: 250)).ToList();

        var hours = MeterEnergyView.Build(quarters, Ten, Ten.AddHours(3), EnergyInterval.Hour, Utc);

        Assert.Equal([Ten, Ten.AddHours(1), Ten.AddHours(2)], hours.Select(h => h.Start));
        Assert.Equal(1200, hours[0].ImportWh, Precision);
        Assert.Equal(1000, hours[0].RegisterImportWh!.Value, Precision);
        Assert.True(hours[0].Complete);
        Assert.Equal(600, hours[1].ImportWh, Precision);
        Assert.Null(hours[1].RegisterImportWh);
        Assert.False(hours[1].Complete);
        Assert.Equal(0, hours[2].ImportWh);
        Assert.False(hours[2].Complete);
    }

    [Fact]
    public void A_complete_spring_forward_day_in_brussels_has_92_quarter_hours()
    {
        // 2026-03-29 00:00 CET = 03-28T23:00Z to 03-30 00:00 CEST = 03-29T22:00Z: 23 h = 92 quarter-hours of 1 Wh.
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var start = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero);
        var quarters = Enumerable.Range(0, 92).Select(i => Quarter(start.AddMinutes(15 * i), 1)).ToList();

        var days = MeterEnergyView.Build(quarters, start, end.AddDays(1), EnergyInterval.Day, brussels);

        Assert.Equal(2, days.Count);
        Assert.Equal((start, end), (days[0].Start, days[0].End));
        Assert.Equal(92, days[0].ImportWh, Precision);
        Assert.True(days[0].Complete);
        Assert.Equal(end.AddDays(1), days[1].End); // 2026-03-30, 24 h, no data
        Assert.False(days[1].Complete);
    }

    [Fact]
    public void Days_follow_the_time_zone_asked_for()
    {
        // Asia/Kolkata is UTC+5:30: 18:15Z is 23:45 on the 22nd, 18:30Z is 00:00 on the 23rd.
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var dayStart = new DateTimeOffset(2026, 11, 21, 18, 30, 0, TimeSpan.Zero);
        var quarters = new[] { Quarter(new DateTimeOffset(2026, 11, 22, 18, 15, 0, TimeSpan.Zero), 7), Quarter(new DateTimeOffset(2026, 11, 22, 18, 30, 0, TimeSpan.Zero), 11) };

        var days = MeterEnergyView.Build(quarters, dayStart, dayStart.AddDays(2), EnergyInterval.Day, kolkata);

        Assert.Equal([dayStart, dayStart.AddDays(1)], days.Select(d => d.Start));
        Assert.Equal([7.0, 11.0], days.Select(d => d.ImportWh));
    }
}
