namespace MeterGrains.Domain;

/// <summary>The quarter-hour grid of domain.md: buckets aligned to UTC at :00, :15, :30 and :45.</summary>
public static class QuarterHour
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>The start of the quarter-hour that contains <paramref name="instant"/> (as a UTC instant).</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Length.Ticks), TimeSpan.Zero);
    }

    /// <summary>The first quarter-hour edge strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextEdgeAfter(DateTimeOffset instant) => Floor(instant) + Length;
}
