using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Anomalies;

/// <summary>
/// The plain rule of serverless pipelines, kept for comparison: an hour is an anomaly when its value is more than
/// <see cref="Threshold"/> sample standard deviations above the channel's mean. Blind to the daily rhythm: every evening
/// peak is flagged, and a spike at night smaller than the evening peaks is not.
/// </summary>
public static class ZScoreAnomalyDetector
{
    public const double Threshold = 2.0;

    public static IReadOnlyList<Anomaly> Detect(IReadOnlyList<HourlyValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (mean, sd) = StatisticsCalculator.MeanAndDeviation(series);
        if (series.Count < 2 || sd <= 0)
        {
            return [];
        }

        var limit = mean + (Threshold * sd);
        return series
            .Where(v => v.Value > limit)
            .Select(v => new Anomaly(v.Start, v.Value, mean, (v.Value - mean) / sd, AnomalyDirection.High))
            .ToArray();
    }
}
