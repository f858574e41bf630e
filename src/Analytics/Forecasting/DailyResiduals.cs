using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>Sums hourly values per local day, keeping only the days that have every one of their hours.</summary>
internal static class DailyResiduals
{
    public static List<double> WholeDays(IReadOnlyList<HourlyValue> hourly, LocalCalendar calendar)
    {
        var days = new Dictionary<DateOnly, (double Sum, int Hours)>();
        foreach (var value in hourly)
        {
            var date = calendar.At(value.Start).Date;
            days.TryGetValue(date, out var day);
            days[date] = (day.Sum + value.Value, day.Hours + 1);
        }

        var whole = new List<double>(days.Count);
        foreach (var (date, day) in days)
        {
            // 23 or 25 hours on the days DST changes.
            var hoursInDay = (int)Math.Round((calendar.StartOf(date.AddDays(1)) - calendar.StartOf(date)).TotalHours);
            if (day.Hours == hoursInDay)
            {
                whole.Add(day.Sum);
            }
        }

        return whole;
    }
}
