namespace MeterGrains.Analytics.Series;

/// <summary>How the values that fall into one hour become the hour's value.</summary>
public enum HourAggregation
{
    /// <summary>Energy per interval: the hour's value is the sum (quarter-hours add up to the hour).</summary>
    Sum,

    /// <summary>Instantaneous values (power, voltage): the hour's value is the mean.</summary>
    Mean,
}
