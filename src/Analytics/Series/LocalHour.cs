namespace MeterGrains.Analytics.Series;

/// <summary>Where an instant falls in the local rhythm of a household: its local date, hour of day and day type.</summary>
public readonly record struct LocalHour(DateOnly Date, int Hour, DayOfWeek DayOfWeek)
{
    public DayType DayType => DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayType.Weekend : DayType.Weekday;

    /// <summary>0–47: day type × 24 + hour of day.</summary>
    public int DayTypeSlot => ((int)DayType * 24) + Hour;
}
