using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Anomalies;

/// <summary>
/// The default detector: it knows the daily and weekly rhythm. Each hour is compared with the other hours of the same
/// local hour of day and day type (weekday or weekend) by a robust score, (value − median) / (1.4826 × MAD), so an
/// evening peak that comes every evening is normal and a 3 a.m. spike is not. One spike cannot hide itself: the median
/// and MAD barely move for it, unlike a mean and standard deviation.
/// A slot with fewer than <see cref="MinSlotValues"/> values borrows the hour of day over all days, then the whole series.
/// </summary>
public static class SeasonalAnomalyDetector
{
    /// <summary>Robust scores beyond ±3.5 are anomalies (Iglewicz and Hoaglin's cut-off for modified z-scores).</summary>
    public const double Threshold = 3.5;

    public const int MinSlotValues = 5;

    public static IReadOnlyList<Anomaly> Detect(IReadOnlyList<HourlyValue> series, LocalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(calendar);
        if (series.Count == 0)
        {
            return [];
        }

        var dayTypeSlot = new int[series.Count];
        var hourSlot = new int[series.Count];
        var byDayType = new List<double>[48];
        var byHour = new List<double>[24];
        for (var i = 0; i < series.Count; i++)
        {
            var local = calendar.At(series[i].Start);
            dayTypeSlot[i] = local.DayTypeSlot;
            hourSlot[i] = local.Hour;
            (byDayType[local.DayTypeSlot] ??= []).Add(series[i].Value);
            (byHour[local.Hour] ??= []).Add(series[i].Value);
        }

        var all = series.Select(v => v.Value).ToArray();
        var global = Robust.MedianAndSigma(all);
        var dayTypeBaselines = byDayType.Select(Baseline).ToArray();
        var hourBaselines = byHour.Select(Baseline).ToArray();

        var anomalies = new List<Anomaly>();
        for (var i = 0; i < series.Count; i++)
        {
            var (median, sigma) = dayTypeBaselines[dayTypeSlot[i]] ?? hourBaselines[hourSlot[i]] ?? global;
            var value = series[i].Value;
            if (value == median)
            {
                continue;
            }

            // A slot whose values are all equal has no spread: any other value is out of line, scored as far as possible.
            var score = sigma > 0 ? (value - median) / sigma : Math.CopySign(double.MaxValue, value - median);
            if (Math.Abs(score) > Threshold)
            {
                anomalies.Add(new Anomaly(series[i].Start, value, median, score, score > 0 ? AnomalyDirection.High : AnomalyDirection.Low));
            }
        }

        return anomalies;
    }

    private static (double Median, double Sigma)? Baseline(List<double>? values) =>
        values is { Count: >= MinSlotValues } ? Robust.MedianAndSigma(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values)) : null;
}
