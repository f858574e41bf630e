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

        var baselines = new (double Median, double Sigma)[series.Count];
        var relative = new List<double>[24];
        for (var i = 0; i < series.Count; i++)
        {
            baselines[i] = dayTypeBaselines[dayTypeSlot[i]] ?? hourBaselines[hourSlot[i]] ?? global;
            if (baselines[i].Median != 0)
            {
                (relative[hourSlot[i]] ??= []).Add(Math.Abs(series[i].Value - baselines[i].Median) / Math.Abs(baselines[i].Median));
            }
        }

        // A slot of a few values (a month has 8 weekend days) can have a MAD far below its true spread by chance. Its
        // sigma is floored by the relative spread of the whole hour of day: 1.4826 × the median of |x − median| / |median|
        // over both day types, times the slot's median. The floor follows the level, so quiet night hours keep a small one.
        var relativeSigma = relative.Select(r => r is { Count: >= MinSlotValues } ? Robust.MadToSigma * Robust.Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(r)) : 0).ToArray();
        var anomalies = new List<Anomaly>();
        for (var i = 0; i < series.Count; i++)
        {
            var (median, slotSigma) = baselines[i];
            var value = series[i].Value;
            if (value == median)
            {
                continue;
            }

            var sigma = Math.Max(slotSigma, relativeSigma[hourSlot[i]] * Math.Abs(median));
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
