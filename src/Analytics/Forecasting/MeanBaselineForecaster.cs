using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>
/// The baseline of serverless pipelines, kept for comparison: every hour is forecast as the channel mean, with
/// intervals mean ± z·σ (z = 1.2816 for 80 %, 1.96 for 95 %); a day as hours × mean ± z·σ of the whole-day sums.
/// </summary>
public static class MeanBaselineForecaster
{
    public const string MethodName = "mean-baseline";

    public static IForecastModel Fit(IReadOnlyList<HourlyValue> history, LocalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfZero(history.Count);
        var (mean, sd) = StatisticsCalculator.MeanAndDeviation(history);
        var dailySums = DailyResiduals.WholeDays(history, calendar);
        double? dailySd = null;
        if (dailySums.Count >= 2)
        {
            var dailyMean = dailySums.Average();
            dailySd = Math.Sqrt(dailySums.Sum(s => (s - dailyMean) * (s - dailyMean)) / (dailySums.Count - 1));
        }

        return new Model(mean, sd, dailySd, history.All(v => v.Value >= 0));
    }

    private sealed class Model(double mean, double sd, double? dailySd, bool nonNegative) : IForecastModel
    {
        public string Method => MethodName;

        public ForecastPoint Hour(DateTimeOffset start) =>
            ResidualBand.Normal(sd).Around(start, start.AddHours(1), mean, nonNegative);

        public ForecastPoint Day(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ForecastPoint> hours) =>
            ResidualBand.Normal(dailySd ?? sd * Math.Sqrt(hours.Count)).Around(start, end, mean * hours.Count, nonNegative);
    }
}
