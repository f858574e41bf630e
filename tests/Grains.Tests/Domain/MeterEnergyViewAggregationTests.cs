using MeterGrains.Domain;
using MeterGrains.Energy;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

/// <summary>
/// The aggregation rules of domain.md as <see cref="MeterEnergyView"/> applies them: hours in UTC, days from one local
/// midnight to the next (92 quarter-hours on a spring-forward day in Europe/Brussels, 100 on a fall-back day); a view
/// bucket is complete only when all its quarter-hours are present and complete, and has register energy only when all
/// of them have it.
/// </summary>
public sealed class MeterEnergyViewAggregationTests
{
    private const double Precision = 1e-9;
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

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

    /// <summary>The view over [from, to) of the stored <paramref name="quarters"/>, fed in order as the grain does.</summary>
    private static PackedEnergyBucket[] View(
        IEnumerable<EnergyBucket> quarters, DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone)
    {
        var view = new MeterEnergyView(from, to, interval, zone, []);
        foreach (var q in quarters)
        {
            view.AddStored(q.Start, q.ImportWh, q.ExportWh, q.RegisterImportWh, q.RegisterExportWh, q.Complete);
        }

        return view.Build().Buckets.ToArray();
    }

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
