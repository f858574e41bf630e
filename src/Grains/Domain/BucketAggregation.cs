namespace MeterGrains.Domain;

/// <summary>
/// Views over quarter-hour buckets (domain.md): hours in UTC, and days in an IANA time zone, where a day is from one
/// local midnight to the next (92 quarter-hours on a spring-forward day in Europe/Brussels, 100 on a fall-back day).
/// A view bucket sums the quarter-hours that start inside it; it is complete only when every one of its
/// quarter-hours is present and complete, and it has register energy only when every one of them has it.
/// Only views with at least one quarter-hour are returned, oldest first.
/// </summary>
public static class BucketAggregation
{
    /// <summary>Hourly buckets on UTC hours.</summary>
    public static IReadOnlyList<EnergyBucket> Hourly(IEnumerable<EnergyBucket> quarterHours) =>
        Aggregate(quarterHours, start =>
        {
            var hour = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
            return (hour, hour.AddHours(1));
        });

    /// <summary>Daily buckets in the IANA time zone <paramref name="timeZoneId"/> (for example <c>Europe/Brussels</c>).</summary>
    public static IReadOnlyList<EnergyBucket> Daily(IEnumerable<EnergyBucket> quarterHours, string timeZoneId) =>
        Daily(quarterHours, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>Daily buckets in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<EnergyBucket> Daily(IEnumerable<EnergyBucket> quarterHours, TimeZoneInfo zone) =>
        Aggregate(quarterHours, start =>
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
            return LocalDay(day, zone);
        });

    /// <summary>The UTC instants at which local day <paramref name="day"/> begins and the next one begins.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) LocalDay(DateOnly day, TimeZoneInfo zone) =>
        (StartOfLocalDay(day, zone), StartOfLocalDay(day.AddDays(1), zone));

    /// <summary>
    /// The first instant whose local date is <paramref name="day"/>. Where midnight is skipped by a clock change,
    /// the day begins when the clock jumps; where midnight happens twice, at the first one.
    /// </summary>
    private static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static List<EnergyBucket> Aggregate(
        IEnumerable<EnergyBucket> quarterHours, Func<DateTimeOffset, (DateTimeOffset Start, DateTimeOffset End)> spanOf)
    {
        var result = new List<EnergyBucket>();
        foreach (var group in quarterHours.GroupBy(q => spanOf(q.Start)).OrderBy(g => g.Key.Start))
        {
            var (start, end) = group.Key;
            var parts = group.ToList();
            if (parts.Select(p => p.Start).Distinct().Count() != parts.Count)
            {
                throw new ArgumentException($"Two quarter-hour buckets share a start in [{start:O}, {end:O}).", nameof(quarterHours));
            }

            var all = parts.Count == (end - start).Ticks / QuarterHour.Length.Ticks;
            result.Add(new EnergyBucket(
                start,
                end,
                parts.Sum(p => p.ImportWh),
                parts.Sum(p => p.ExportWh),
                all && parts.All(p => p.RegisterImportWh is not null) ? parts.Sum(p => p.RegisterImportWh!.Value) : null,
                all && parts.All(p => p.RegisterExportWh is not null) ? parts.Sum(p => p.RegisterExportWh!.Value) : null,
                all && parts.All(p => p.Complete)));
        }

        return result;
    }
}
