using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Statistics;

/// <summary>Sum, mean, standard deviation, extremes and peak hours of an hourly series.</summary>
public static class StatisticsCalculator
{
    public const int PeakHourCount = 3;

    /// <summary>The statistics of <paramref name="series"/>, or null when it is empty.</summary>
    public static ChannelStatistics? Compute(IReadOnlyList<HourlyValue> series, LocalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return null;
        }

        var (mean, sd) = MeanAndDeviation(series);
        double sum = 0;
        var min = series[0];
        var max = series[0];
        var hourSums = new double[24];
        var hourCounts = new int[24];
        foreach (var value in series)
        {
            sum += value.Value;
            if (value.Value < min.Value)
            {
                min = value;
            }

            if (value.Value > max.Value)
            {
                max = value;
            }

            var hour = calendar.At(value.Start).Hour;
            hourSums[hour] += value.Value;
            hourCounts[hour]++;
        }

        var peaks = Enumerable.Range(0, 24)
            .Where(h => hourCounts[h] > 0)
            .Select(h => new PeakHour(h, hourSums[h] / hourCounts[h]))
            .OrderByDescending(p => p.Mean)
            .ThenBy(p => p.Hour)
            .Take(PeakHourCount)
            .ToArray();

        return new ChannelStatistics(series.Count, sum, mean, sd, min.Value, min.Start, max.Value, max.Start, peaks);
    }

    /// <summary>Mean and sample standard deviation (n − 1; 0 for fewer than two values), in two passes for accuracy.</summary>
    public static (double Mean, double StandardDeviation) MeanAndDeviation(IReadOnlyList<HourlyValue> series)
    {
        if (series.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var value in series)
        {
            sum += value.Value;
        }

        var mean = sum / series.Count;
        if (series.Count < 2)
        {
            return (mean, 0);
        }

        double squares = 0;
        foreach (var value in series)
        {
            var d = value.Value - mean;
            squares += d * d;
        }

        return (mean, Math.Sqrt(squares / (series.Count - 1)));
    }
}
