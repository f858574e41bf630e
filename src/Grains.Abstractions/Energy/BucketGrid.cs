namespace MeterGrains.Energy;

/// <summary>
/// Where energy buckets begin and end (domain.md): quarter-hours and hours on UTC, days from one local midnight to the
/// next in a time zone. One definition for the API (alignment, defaults, limits) and the grains (aggregation).
/// </summary>
public static class BucketGrid
{
    public static readonly TimeSpan QuarterHourLength = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>The start of the bucket of <paramref name="interval"/> that contains <paramref name="instant"/> (UTC).</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant, EnergyInterval interval, TimeZoneInfo zone) => interval switch
    {
        EnergyInterval.QuarterHour => FloorTicks(instant, QuarterHourLength.Ticks),
        EnergyInterval.Hour => FloorTicks(instant, TimeSpan.TicksPerHour),
        _ => FloorDay(instant, zone),
    };

    /// <summary>True when <paramref name="instant"/> is where a bucket of <paramref name="interval"/> begins.</summary>
    public static bool IsBoundary(DateTimeOffset instant, EnergyInterval interval, TimeZoneInfo zone) =>
        Floor(instant, interval, zone) == instant;

    /// <summary>The boundary <paramref name="count"/> buckets after (or, when negative, before) the boundary <paramref name="boundary"/>.</summary>
    public static DateTimeOffset Step(DateTimeOffset boundary, int count, EnergyInterval interval, TimeZoneInfo zone) => interval switch
    {
        EnergyInterval.QuarterHour => boundary.ToUniversalTime() + (QuarterHourLength * count),
        EnergyInterval.Hour => boundary.ToUniversalTime() + (TimeSpan.FromHours(1) * count),
        _ => StartOfLocalDay(LocalDate(FloorDay(boundary, zone), zone).AddDays(count), zone),
    };

    /// <summary>The buckets of <paramref name="interval"/> that cover <c>[from, to)</c>, oldest first.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Spans(
        DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone)
    {
        for (var start = Floor(from, interval, zone); start < to;)
        {
            var end = Step(start, 1, interval, zone);
            yield return (start, end);
            start = end;
        }
    }

    /// <summary>How many buckets <see cref="Spans"/> yields; counted without walking quarter-hours and hours.</summary>
    public static int Count(DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone)
    {
        var first = Floor(from, interval, zone);
        if (first >= to)
        {
            return 0;
        }

        var length = interval switch
        {
            EnergyInterval.QuarterHour => QuarterHourLength.Ticks,
            EnergyInterval.Hour => TimeSpan.TicksPerHour,
            _ => 0,
        };
        return length == 0 ? Spans(from, to, interval, zone).Count() : (int)(((to - first).Ticks + length - 1) / length);
    }

    /// <summary>
    /// The first instant whose local date in <paramref name="zone"/> is <paramref name="day"/>. Where midnight is
    /// skipped by a clock change, the day begins when the clock jumps; where midnight happens twice, at the first one.
    /// </summary>
    /// <remarks>
    /// Searched on the UTC side, a minute at a time (clock changes fall on whole minutes): converting UTC to local time
    /// follows the zone's transitions exactly, while asking whether a local time exists is not reliable for changes at
    /// midnight (.NET takes 2023-10-01 00:00 in America/Asuncion, which the clocks skipped, for a valid time).
    /// </remarks>
    public static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone)
    {
        // UTC offsets lie within −12 h and +14 h, so 16 h either side of midnight UTC brackets the local midnight.
        var midnightAsUtc = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var before = midnightAsUtc.AddHours(-16);
        var after = midnightAsUtc.AddHours(16);
        while (after - before > OneMinute)
        {
            var middle = before.AddMinutes(Math.Floor((after - before).TotalMinutes / 2));
            if (LocalDate(middle, zone) >= day)
            {
                after = middle;
            }
            else
            {
                before = middle;
            }
        }

        return after;
    }

    private static DateTimeOffset FloorTicks(DateTimeOffset instant, long length) =>
        new(instant.UtcTicks - (instant.UtcTicks % length), TimeSpan.Zero);

    /// <summary>
    /// The latest day start at or before <paramref name="instant"/>: that of its local date, unless a clock change went
    /// back across midnight, so that the instant reads as the previous date although the next day has begun.
    /// </summary>
    private static DateTimeOffset FloorDay(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = LocalDate(instant, zone);
        var next = StartOfLocalDay(date.AddDays(1), zone);
        if (next <= instant)
        {
            return next;
        }

        var start = StartOfLocalDay(date, zone);
        return start <= instant ? start : StartOfLocalDay(date.AddDays(-1), zone);
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
