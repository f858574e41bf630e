using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Tests;

/// <summary>Builds hourly test series.</summary>
internal static class Series
{
    /// <summary>Monday 2026-10-05 00:00 UTC.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    public static HourlyValue[] Hourly(DateTimeOffset start, params double[] values) =>
        values.Select((v, i) => new HourlyValue(start.AddHours(i), v)).ToArray();

    public static HourlyValue[] Days(DateTimeOffset start, int days, Func<int, int, double> valueAtDayAndHour) =>
        Enumerable.Range(0, days * 24)
            .Select(i => new HourlyValue(start.AddHours(i), valueAtDayAndHour(i / 24, i % 24)))
            .ToArray();
}
