using MeterGrains.Domain;
using MeterGrains.Energy;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class MeterEnergyViewTests
{
    private const double Precision = 1e-9;
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static EnergyBucket Quarter(DateTimeOffset start, double importWh, bool complete = true, double? registerWh = null) =>
        new(start, start + QuarterHour.Length, importWh, 0, registerWh, null, complete);

    /// <summary>Quarter-hours of 1 Wh imported, 0.5 Wh register each, all complete, over [from, to).</summary>
    private static List<EnergyBucket> QuarterHours(DateTimeOffset from, DateTimeOffset to)
    {
        var list = new List<EnergyBucket>();
        for (var s = from; s < to; s += QuarterHour.Length)
        {
            list.Add(new EnergyBucket(s, s + QuarterHour.Length, 1, 0, 0.5, null, true));
        }

        return list;
    }

    /// <summary>The view of <paramref name="stored"/> fed in order, as the grain feeds the rows it reads.</summary>
    private static PackedEnergyBucket[] View(
        IEnumerable<EnergyBucket> stored, DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone,
        IReadOnlyList<EnergyBucket>? open = null)
    {
        var view = new MeterEnergyView(from, to, interval, zone, open ?? []);
        foreach (var b in stored)
        {
            view.AddStored(b.Start, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete);
        }

        return view.Build().Buckets.ToArray();
    }

    [Fact]
    public void Open_buckets_win_over_stored_ones_and_only_the_range_is_kept()
    {
        var stored = new[] { Quarter(Ten.AddMinutes(-15), 9), Quarter(Ten, 1), Quarter(Ten.AddMinutes(15), 2) };
        var open = new[] { Quarter(Ten.AddMinutes(15), 5), Quarter(Ten.AddMinutes(30), 3) };

        var view = View(stored, Ten, Ten.AddMinutes(30), EnergyInterval.QuarterHour, Utc, open);

        // 09:45 is before the range and 10:30 is at its (exclusive) end; 10:15 is the open copy.
        Assert.Equal([Ten, Ten.AddMinutes(15)], view.Select(b => b.Start));
        Assert.Equal([1.0, 5.0], view.Select(b => b.ImportWh));
    }

    [Fact]
    public void Every_quarter_hour_of_the_range_is_returned_and_a_missing_one_is_empty_and_incomplete()
    {
        var view = View([Quarter(Ten.AddMinutes(15), 300)], Ten, Ten.AddMinutes(45), EnergyInterval.QuarterHour, Utc);

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

        var hours = View(quarters, Ten, Ten.AddHours(3), EnergyInterval.Hour, Utc);

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
    public void Stored_and_open_quarter_hours_interleaved_make_one_complete_hour()
    {
        // Stored 10:00 (100 Wh) and 10:30 (300 Wh), open 10:15 (200 Wh) and 10:45 (400 Wh): 1,000 Wh, all four present and
        // complete; the register of 10:15 is unknown, so the hour has none. The 11:00 hour holds only the open 11:00.
        var stored = new[] { Quarter(Ten, 100, registerWh: 1), Quarter(Ten.AddMinutes(30), 300, registerWh: 1) };
        var open = new[] { Quarter(Ten.AddMinutes(15), 200), Quarter(Ten.AddMinutes(45), 400, registerWh: 1), Quarter(Ten.AddHours(1), 7) };

        var hours = View(stored, Ten, Ten.AddHours(2), EnergyInterval.Hour, Utc, open);

        Assert.Equal(2, hours.Length);
        Assert.Equal(1000, hours[0].ImportWh, Precision);
        Assert.True(hours[0].Complete);
        Assert.Null(hours[0].RegisterImportWh);
        Assert.Equal(7, hours[1].ImportWh, Precision);
        Assert.False(hours[1].Complete);
    }

    [Fact]
    public void Stored_quarter_hours_out_of_order_are_refused()
    {
        var view = new MeterEnergyView(Ten, Ten.AddHours(1), EnergyInterval.QuarterHour, Utc, []);
        view.AddStored(Ten.AddMinutes(15), 1, 0, null, null, true);

        Assert.Throws<ArgumentException>(() => view.AddStored(Ten, 1, 0, null, null, true));
    }

    [Fact]
    public void A_complete_spring_forward_day_in_brussels_has_92_quarter_hours()
    {
        // 2026-03-29 00:00 CET = 03-28T23:00Z to 03-30 00:00 CEST = 03-29T22:00Z: 23 h = 92 quarter-hours of 1 Wh.
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var start = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero);
        var quarters = Enumerable.Range(0, 92).Select(i => Quarter(start.AddMinutes(15 * i), 1)).ToList();

        var days = View(quarters, start, end.AddDays(1), EnergyInterval.Day, brussels);

        Assert.Equal(2, days.Length);
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

        var days = View(quarters, dayStart, dayStart.AddDays(2), EnergyInterval.Day, kolkata);

        Assert.Equal([dayStart, dayStart.AddDays(1)], days.Select(d => d.Start));
        Assert.Equal([7.0, 11.0], days.Select(d => d.ImportWh));
    }

    [Fact]
    public void A_year_of_quarter_hours_is_one_series_of_35040()
    {
        // 2025 (not a leap year): 365 × 96 = 35,040 quarter-hours of 25 Wh, stored ones every other, the rest missing.
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stored = Enumerable.Range(0, 35_040 / 2).Select(i => Quarter(from.AddMinutes(30 * i), 25));

        var year = View(stored, from, from.AddYears(1), EnergyInterval.QuarterHour, Utc);

        Assert.Equal(35_040, year.Length);
        Assert.Equal(17_520 * 25, year.Sum(b => b.ImportWh), Precision);
        Assert.Equal(from.AddYears(1), year[^1].End);
        Assert.Equal((true, false), (year[^2].Complete, year[^1].Complete));
    }

    // The aggregation rules of domain.md: hours in UTC, days from one local midnight to the next (92 quarter-hours on a
    // spring-forward day in Europe/Brussels, 100 on a fall-back day); complete only with every quarter-hour present and
    // complete, register energy only when every one has it.

    [Fact]
    public void Spring_forward_day_in_brussels_has_92_quarter_hours()
    {
        // 2026-03-29 in Europe/Brussels: 00:00 CET = 2026-03-28T23:00Z, next midnight 00:00 CEST = 2026-03-29T22:00Z: 23 h.
        var start = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero);
        var quarters = QuarterHours(start.AddHours(-2), end.AddHours(2)); // spill into the days around it

        var day = View(quarters, start.AddHours(-2), end.AddHours(2), EnergyInterval.Day, Brussels).Single(d => d.Start == start);

        Assert.Equal(end, day.End);
        Assert.Equal(92, day.ImportWh, Precision); // 92 quarter-hours × 1 Wh
        Assert.Equal(46, day.RegisterImportWh!.Value, Precision);
        Assert.Null(day.RegisterExportWh);
        Assert.True(day.Complete);
    }

    [Fact]
    public void Fall_back_day_in_brussels_has_100_quarter_hours()
    {
        // 2026-10-25: 00:00 CEST = 2026-10-24T22:00Z, next midnight 00:00 CET = 2026-10-25T23:00Z: 25 h.
        var start = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero);
        var quarters = QuarterHours(start, end);

        var day = Assert.Single(View(quarters, start, end, EnergyInterval.Day, Brussels));

        Assert.Equal(start, day.Start);
        Assert.Equal(end, day.End);
        Assert.Equal(100, day.ImportWh, Precision);
        Assert.True(day.Complete);
    }

    [Fact]
    public void A_day_with_a_missing_or_incomplete_quarter_hour_is_incomplete_and_has_no_register_energy_if_one_is_missing()
    {
        var start = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        var end = start.AddHours(25);
        var quarters = QuarterHours(start, end);

        var missing = quarters.Where((_, i) => i != 37).ToList();
        var dayMissing = Assert.Single(View(missing, start, end, EnergyInterval.Day, Brussels));
        Assert.False(dayMissing.Complete);
        Assert.Equal(99, dayMissing.ImportWh, Precision); // the sum of what is there
        Assert.Null(dayMissing.RegisterImportWh);

        quarters[50] = quarters[50] with { Complete = false };
        var dayIncomplete = Assert.Single(View(quarters, start, end, EnergyInterval.Day, Brussels));
        Assert.False(dayIncomplete.Complete);
        Assert.Equal(50, dayIncomplete.RegisterImportWh!.Value, Precision);
    }

    [Fact]
    public void Hours_are_utc_hours_of_four_quarter_hours()
    {
        var start = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var quarters = QuarterHours(start, start.AddHours(2)).Skip(1).ToList(); // 00:00 missing

        var hours = View(quarters, start, start.AddHours(2), EnergyInterval.Hour, TimeZoneInfo.Utc);

        Assert.Equal([start, start.AddHours(1)], hours.Select(h => h.Start));
        Assert.Equal(start.AddHours(1), hours[0].End);
        Assert.Equal(3, hours[0].ImportWh, Precision);
        Assert.False(hours[0].Complete);
        Assert.Null(hours[0].RegisterImportWh);
        Assert.Equal(4, hours[1].ImportWh, Precision);
        Assert.Equal(2, hours[1].RegisterImportWh!.Value, Precision);
        Assert.True(hours[1].Complete);
    }

    [Fact]
    public void Local_days_in_another_zone_start_at_its_midnight()
    {
        // Asia/Kolkata is UTC+5:30 without DST: 2026-11-22 runs from 2026-11-21T18:30Z for 24 h.
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var day = new DateOnly(2026, 11, 22);
        var (start, end) = (BucketGrid.StartOfLocalDay(day, kolkata), BucketGrid.StartOfLocalDay(day.AddDays(1), kolkata));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 30, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.FromHours(24), end - start);
    }
}
