using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>Runs a fitted model over the 7 days after a history.</summary>
public static class Forecaster
{
    public const int Days = 7;

    /// <summary>
    /// Hourly points from the hour after <paramref name="lastHour"/> to the end of the 7th whole local day, and one
    /// point per whole local day: the 7 days starting at the first local midnight at or after that hour.
    /// </summary>
    public static ChannelForecast Forecast(IForecastModel model, DateTimeOffset lastHour, LocalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calendar);
        var start = lastHour.ToUniversalTime().AddHours(1);
        var firstDay = calendar.At(start).Date;
        if (calendar.StartOf(firstDay) < start)
        {
            firstDay = firstDay.AddDays(1);
        }

        var end = calendar.StartOf(firstDay.AddDays(Days));
        var hourly = new List<ForecastPoint>((int)(end - start).TotalHours);
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            hourly.Add(model.Hour(hour));
        }

        var daily = new List<ForecastPoint>(Days);
        for (var d = 0; d < Days; d++)
        {
            var dayStart = calendar.StartOf(firstDay.AddDays(d));
            var dayEnd = calendar.StartOf(firstDay.AddDays(d + 1));
            var hours = hourly.Where(h => h.Start >= dayStart && h.Start < dayEnd).ToArray();
            daily.Add(model.Day(dayStart, dayEnd, hours));
        }

        return new ChannelForecast(model.Method, hourly, daily);
    }
}
