using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>
/// Rolling-origin backtest: for each of the last <c>weeks</c> weeks of the history, both methods are fitted on what came
/// before the week and forecast its hours; errors and interval hits are pooled over all held-out hours.
/// </summary>
public static class Backtest
{
    /// <summary>A fit needs at least two weeks of history, so each weekday and weekend hour has values.</summary>
    public static readonly TimeSpan MinTraining = TimeSpan.FromDays(14);

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The report, or null when the history is too short for even one held-out week.</summary>
    public static BacktestReport? Run(IReadOnlyList<HourlyValue> history, LocalCalendar calendar, int weeks)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weeks);
        if (history.Count == 0)
        {
            return null;
        }

        var first = history[0].Start;
        var end = history[^1].Start.AddHours(1);
        var defaultScore = new Accumulator(SeasonalProfileForecaster.MethodName);
        var baselineScore = new Accumulator(MeanBaselineForecaster.MethodName);
        var used = 0;
        for (var w = weeks; w >= 1; w--)
        {
            var cutoff = end - (w * Week);
            if (cutoff - first < MinTraining)
            {
                continue;
            }

            var training = history.Where(v => v.Start < cutoff).ToArray();
            var test = history.Where(v => v.Start >= cutoff && v.Start < cutoff + Week).ToArray();
            var seasonal = SeasonalProfileForecaster.Fit(training, calendar);
            var baseline = MeanBaselineForecaster.Fit(training, calendar);
            foreach (var actual in test)
            {
                defaultScore.Add(seasonal.Hour(actual.Start), actual.Value);
                baselineScore.Add(baseline.Hour(actual.Start), actual.Value);
            }

            used++;
        }

        return used == 0 ? null : new BacktestReport(used, defaultScore.Score(), baselineScore.Score());
    }

    private sealed class Accumulator(string method)
    {
        private int _points;
        private double _absoluteErrors;
        private double _percentageErrors;
        private int _percentagePoints;
        private int _inside80;
        private int _inside95;

        public void Add(ForecastPoint forecast, double actual)
        {
            _points++;
            var error = Math.Abs(actual - forecast.Expected);
            _absoluteErrors += error;
            if (actual != 0)
            {
                _percentageErrors += error / Math.Abs(actual);
                _percentagePoints++;
            }

            if (actual >= forecast.Lower80 && actual <= forecast.Upper80)
            {
                _inside80++;
            }

            if (actual >= forecast.Lower95 && actual <= forecast.Upper95)
            {
                _inside95++;
            }
        }

        public BacktestScore Score() => new(
            method,
            _points,
            _points == 0 ? double.NaN : _absoluteErrors / _points,
            _percentagePoints == 0 ? null : 100 * _percentageErrors / _percentagePoints,
            _points == 0 ? double.NaN : (double)_inside80 / _points,
            _points == 0 ? double.NaN : (double)_inside95 / _points);
    }
}
