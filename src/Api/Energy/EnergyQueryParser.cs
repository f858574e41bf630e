using MeterGrains.Energy;

namespace MeterGrains.Api.Energy;

/// <summary>
/// The query parameters of the <c>/energy</c> endpoints (<c>from</c>, <c>to</c>, <c>interval</c>), checked and completed
/// with defaults into an <see cref="EnergyQuery"/>.
/// </summary>
/// <remarks>
/// <para><c>interval</c> is <c>15m</c> (default), <c>1h</c> or <c>1d</c>. <c>from</c> and <c>to</c> are ISO-8601 instants
/// with an offset and must be bucket starts: quarter-hours at :00, :15, :30, :45 UTC, whole UTC hours, or local midnights
/// of the time zone for days. <c>to</c> is exclusive.</para>
/// <para>Without <c>to</c>, the range ends with the bucket that holds the present moment; without <c>from</c>, it begins
/// <see cref="DefaultBuckets"/> buckets before <c>to</c> (96 quarter-hours, 24 hours or 7 days).</para>
/// <para>A request covers at most <see cref="MaxRange"/> and at most <see cref="MaxBuckets"/> buckets: a leap year of
/// quarter-hours, hours or days is one request.</para>
/// </remarks>
internal static class EnergyQueryParser
{
    /// <summary>Most buckets one request returns: a leap year of quarter-hours (366 × 96), so a year is one request.</summary>
    public const int MaxBuckets = 366 * 96;

    /// <summary>Longest range one request covers (a day view reads every quarter-hour of it).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>How many buckets a request without <c>from</c> covers.</summary>
    public static int DefaultBuckets(EnergyInterval interval) => interval switch
    {
        EnergyInterval.QuarterHour => 96,
        EnergyInterval.Hour => 24,
        _ => 7,
    };

    /// <summary>
    /// The query from the raw parameters, or null with the reason, naming the parameter, in <paramref name="problem"/>.
    /// Days are counted in <paramref name="timeZoneId"/> (a valid IANA id); <paramref name="now"/> sets the default range.
    /// </summary>
    public static EnergyQuery? Parse(
        string? from, string? to, string? interval, string timeZoneId, DateTimeOffset now, out string? problem)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        if ((string.IsNullOrEmpty(interval) ? EnergyInterval.QuarterHour : EnergyIntervalNames.Parse(interval)) is not { } size)
        {
            problem = $"interval must be 15m, 1h or 1d (is '{interval}')";
            return null;
        }

        if (!Instants.TryParse("from", from, out var start, out problem)
            || !Instants.TryParse("to", to, out var end, out problem)
            || (problem = Misaligned("from", start, size, zone, timeZoneId) ?? Misaligned("to", end, size, zone, timeZoneId)) is not null)
        {
            return null;
        }

        var last = end ?? BucketGrid.Step(BucketGrid.Floor(now, size, zone), 1, size, zone);
        var first = start ?? BucketGrid.Step(last, -DefaultBuckets(size), size, zone);
        var range = $"from {Instants.Format(first)} to {Instants.Format(last)}";
        if (first >= last)
        {
            problem = $"from must be before to ({range})";
            return null;
        }

        // Quarter-hours and hours are counted by arithmetic, so before the range: a quarter-hour past a leap year is
        // named by the bucket limit it breaks. Days need no count: MaxRange holds about 366 of them, far below MaxBuckets.
        if (size is not EnergyInterval.Day && BucketGrid.Count(first, last, size, zone) is var count && count > MaxBuckets)
        {
            problem = $"{range} holds {count} buckets of {EnergyIntervalNames.ToName(size)}; "
                + $"at most {MaxBuckets} per request: narrow from/to or use a coarser interval";
            return null;
        }

        if (last - first > MaxRange)
        {
            problem = $"{range} spans more than {MaxRange.TotalDays:0} days; ask for at most {MaxRange.TotalDays:0} days per request";
            return null;
        }

        return new EnergyQuery(first, last, size, timeZoneId);
    }

    private static string? Misaligned(string name, DateTimeOffset? instant, EnergyInterval interval, TimeZoneInfo zone, string timeZoneId)
    {
        if (instant is not { } value || BucketGrid.IsBoundary(value, interval, zone))
        {
            return null;
        }

        var before = BucketGrid.Floor(value, interval, zone);
        var after = BucketGrid.Step(before, 1, interval, zone);
        var what = interval switch
        {
            EnergyInterval.QuarterHour => "a quarter-hour start (:00, :15, :30 or :45 UTC)",
            EnergyInterval.Hour => "a whole UTC hour",
            _ => $"a midnight in {timeZoneId}",
        };
        return $"{name} {Instants.Format(value)} is not {what} for interval {EnergyIntervalNames.ToName(interval)}; "
            + $"the nearest are {Instants.Format(before)} and {Instants.Format(after)}";
    }
}
