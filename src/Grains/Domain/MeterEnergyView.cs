using MeterGrains.Energy;

namespace MeterGrains.Domain;

/// <summary>
/// The <c>/energy</c> view of one meter: closed quarter-hours (from storage) and open ones (from memory) merged, then
/// aggregated to the interval with <see cref="BucketAggregation"/>, with every bucket of the range present.
/// </summary>
public static class MeterEnergyView
{
    /// <summary>
    /// The quarter-hours starting in <c>[from, to)</c>, oldest first. Where a stored and an open bucket share a start
    /// (a bucket stored before a crash and rebuilt by replay), the open one is the newer and wins.
    /// </summary>
    public static IReadOnlyList<EnergyBucket> Merge(
        IEnumerable<EnergyBucket> stored, IEnumerable<EnergyBucket> open, DateTimeOffset from, DateTimeOffset to)
    {
        var byStart = new SortedDictionary<DateTimeOffset, EnergyBucket>();
        foreach (var bucket in stored.Concat(open))
        {
            if (bucket.Start >= from && bucket.Start < to)
            {
                byStart[bucket.Start] = bucket;
            }
        }

        return [.. byStart.Values];
    }

    /// <summary>
    /// One bucket of <paramref name="interval"/> for every span of <c>[from, to)</c>, oldest first (days in
    /// <paramref name="zone"/>). A span without any quarter-hour has 0 Wh, no register energy and is incomplete.
    /// </summary>
    public static IReadOnlyList<EnergyBucket> Build(
        IReadOnlyList<EnergyBucket> quarterHours, DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone)
    {
        var aggregated = interval switch
        {
            EnergyInterval.QuarterHour => quarterHours,
            EnergyInterval.Hour => BucketAggregation.Hourly(quarterHours),
            _ => BucketAggregation.Daily(quarterHours, zone),
        };
        var byStart = aggregated.ToDictionary(b => b.Start);
        return
        [
            .. BucketGrid.Spans(from, to, interval, zone).Select(span =>
                byStart.TryGetValue(span.Start, out var bucket) ? bucket : new EnergyBucket(span.Start, span.End, 0, 0, null, null, false)),
        ];
    }
}
