namespace MeterGrains.Analytics.Series;

/// <summary>Maps UTC instants to the local hour of day, day of week and date of one time zone.</summary>
public sealed class LocalCalendar(TimeZoneInfo zone)
{
    public static LocalCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    public LocalHour At(DateTimeOffset instant)
    {
        var local = ReferenceEquals(Zone, TimeZoneInfo.Utc) ? instant.UtcDateTime : TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        return new LocalHour(DateOnly.FromDateTime(local), local.Hour, local.DayOfWeek);
    }

    /// <summary>The UTC instant of the local midnight that starts <paramref name="date"/> (the first instant of the day).</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a DST change: the day starts at the first local time that exists.
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        var offset = Zone.IsAmbiguousTime(midnight) ? Zone.GetAmbiguousTimeOffsets(midnight).Max() : Zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }
}
