using MeterGrains.Energy;

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
        Aggregate(quarterHours, SpanFinder(EnergyInterval.Hour, TimeZoneInfo.Utc));

    /// <summary>Daily buckets in the IANA time zone <paramref name="timeZoneId"/> (for example <c>Europe/Brussels</c>).</summary>
    public static IReadOnlyList<EnergyBucket> Daily(IEnumerable<EnergyBucket> quarterHours, string timeZoneId) =>
        Daily(quarterHours, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>Daily buckets in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<EnergyBucket> Daily(IEnumerable<EnergyBucket> quarterHours, TimeZoneInfo zone) =>
        Aggregate(quarterHours, SpanFinder(EnergyInterval.Day, zone));

    /// <summary>The UTC instants at which local day <paramref name="day"/> begins and the next one begins.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) LocalDay(DateOnly day, TimeZoneInfo zone) =>
        (BucketGrid.StartOfLocalDay(day, zone), BucketGrid.StartOfLocalDay(day.AddDays(1), zone));

    /// <summary>
    /// Finds the bucket of <paramref name="interval"/> that a quarter-hour starting at a given instant belongs to,
    /// reusing the last one found (quarter-hours come in order, and finding a local day takes a search).
    /// </summary>
    private static Func<DateTimeOffset, (DateTimeOffset Start, DateTimeOffset End)> SpanFinder(EnergyInterval interval, TimeZoneInfo zone)
    {
        (DateTimeOffset Start, DateTimeOffset End) last = default;
        return start =>
        {
            if (start < last.Start || start >= last.End)
            {
                var bucket = BucketGrid.Floor(start, interval, zone);
                last = (bucket, BucketGrid.Step(bucket, 1, interval, zone));
            }

            return last;
        };
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
