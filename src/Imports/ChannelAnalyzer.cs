using MeterGrains.Analytics.Anomalies;
using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Imports;

/// <summary>Statistics, anomalies (default and z-score count) and the 7-day forecast of one hourly series.</summary>
public static class ChannelAnalyzer
{
    public const string AnomalyMethod = "seasonal-mad";

    public static ChannelSummary Analyse(
        string channel, string meterId, string quantity, string unit, long rows, HourlyValue[] series, LocalCalendar calendar, int maxAnomalies)
    {
        if (series.Length == 0)
        {
            return new ChannelSummary(channel, meterId, quantity, unit, rows, null, new AnomalySummary(AnomalyMethod, 0, 0, []), null);
        }

        var anomalies = SeasonalAnomalyDetector.Detect(series, calendar);
        var zScore = ZScoreAnomalyDetector.Detect(series);
        var items = anomalies.Take(maxAnomalies)
            .Select(a => new AnomalyItem(a.Start, a.Value, a.Expected, a.Score, a.Direction == AnomalyDirection.High ? "high" : "low"))
            .ToArray();
        var model = SeasonalProfileForecaster.Fit(series, calendar);
        return new ChannelSummary(
            channel,
            meterId,
            quantity,
            unit,
            rows,
            StatisticsCalculator.Compute(series, calendar),
            new AnomalySummary(AnomalyMethod, anomalies.Count, zScore.Count, items),
            Forecaster.Forecast(model, series[^1].Start, calendar));
    }
}
