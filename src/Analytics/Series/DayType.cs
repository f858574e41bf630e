namespace MeterGrains.Analytics.Series;

/// <summary>The two rhythms of a week: working days and the weekend (Saturday, Sunday).</summary>
public enum DayType
{
    Weekday = 0,
    Weekend = 1,
}
