using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Tests;

public sealed class ForecastTests
{
    /// <summary>Weekdays 1.0 an hour with 5.0 at 19:00; weekends 2.0 every hour; no noise.</summary>
    private static double Rhythm(int day, int hour) =>
        day % 7 >= 5 ? 2.0 : hour == 19 ? 5.0 : 1.0;

    [Fact]
    public void A_noiseless_rhythm_is_forecast_exactly_hour_by_hour_and_day_by_day()
    {
        // Three weeks from Monday 5 October to Sunday 25 October 23:00 UTC.
        var history = Series.Days(Series.Monday, 21, Rhythm);
        var forecast = Forecaster.Forecast(SeasonalProfileForecaster.Fit(history, LocalCalendar.Utc), history[^1].Start, LocalCalendar.Utc);

        var nextMonday = Series.Monday.AddDays(21);
        Assert.Equal(SeasonalProfileForecaster.MethodName, forecast.Method);
        Assert.Equal(168, forecast.Hourly.Count);
        Assert.Equal(nextMonday, forecast.Hourly[0].Start);
        Assert.Equal(5.0, forecast.Hourly[19].Expected, 9);
        Assert.Equal(2.0, forecast.Hourly[(5 * 24) + 3].Expected, 9);
        // Every value of a slot is the same, so every leave-one-out residual is 0 and the intervals have no width.
        Assert.All(forecast.Hourly, h => Assert.Equal(h.Expected, h.Upper95, 9));
        Assert.All(forecast.Hourly, h => Assert.Equal(h.Expected, h.Lower95, 9));

        // A weekday: 23 × 1.0 + 5.0 = 28; a weekend day: 24 × 2.0 = 48.
        Assert.Equal([28, 28, 28, 28, 28, 48, 48], forecast.Daily.Select(d => Math.Round(d.Expected, 9)));
        Assert.Equal(nextMonday.AddDays(6), forecast.Daily[6].Start);
        Assert.Equal(nextMonday.AddDays(7), forecast.Daily[6].End);
    }

    [Fact]
    public void Recency_weights_and_leave_one_out_residuals_by_hand()
    {
        // Mondays 10:00 of three weeks: 10, 20, 40. Half-life 14 days: weights 0.5 (14 days old), 0.5^0.5 = 0.70711, 1.
        // W = 2.20711; weighted mean = (5 + 14.1421 + 40) / 2.20711 = 26.7962.
        var history = new[]
        {
            new HourlyValue(Series.Monday.AddHours(10), 10),
            new HourlyValue(Series.Monday.AddDays(7).AddHours(10), 20),
            new HourlyValue(Series.Monday.AddDays(14).AddHours(10), 40),
        };
        var model = SeasonalProfileForecaster.Fit(history, LocalCalendar.Utc);
        var tuesday = model.Hour(Series.Monday.AddDays(15).AddHours(10));

        // Leave-one-out: without 10 → 54.1421 / 1.70711 = 31.716, residual −21.716; without 20 → 45 / 1.5 = 30,
        // residual −10; without 40 → 19.1421 / 1.20711 = 15.858, residual 24.142.
        // Three residuals are too few for quantiles: normal band with s = √((21.716² + 10² + 24.142²) / 2) = 24.025.
        // 80 %: ±1.2816 s = ±30.790 → [−3.994 → 0 (energy is not negative), 57.587]; 95 %: ±1.96 s = ±47.089 → [0, 73.886].
        Assert.Equal(26.7962, tuesday.Expected, 4);
        Assert.Equal(57.587, tuesday.Upper80, 3);
        Assert.Equal(73.886, tuesday.Upper95, 3);
        Assert.Equal(0, tuesday.Lower80);
        Assert.Equal(0, tuesday.Lower95);
    }

    [Fact]
    public void Days_are_local_days_and_the_day_summer_time_ends_has_25_hours()
    {
        var brussels = new LocalCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        // History to Friday 23 October 2026 21:00Z = 23:00 in Brussels (UTC+2): the forecast starts at local midnight.
        var history = Series.Days(Series.Monday.AddHours(-2), 19, Rhythm);
        var forecast = Forecaster.Forecast(SeasonalProfileForecaster.Fit(history, brussels), history[^1].Start, brussels);

        Assert.Equal(new DateTimeOffset(2026, 10, 23, 22, 0, 0, TimeSpan.Zero), forecast.Daily[0].Start);
        // Sunday 25 October: 00:00 local = 24 Oct 22:00Z, to 26 Oct 00:00 local (UTC+1) = 25 Oct 23:00Z.
        Assert.Equal(TimeSpan.FromHours(25), forecast.Daily[1].End - forecast.Daily[1].Start);
        Assert.Equal((7 * 24) + 1, forecast.Hourly.Count);
        Assert.Equal(forecast.Daily[6].End, forecast.Hourly[^1].End);
    }

    [Fact]
    public void The_baseline_is_the_mean_plus_or_minus_z_sigma()
    {
        // Values 1, 2, 3, 6: mean 3, sample σ 2.160247 (see StatisticsCalculatorTests).
        // 80 %: 3 ± 1.2816 × 2.160247 = 3 ± 2.768573; 95 %: 3 ± 1.96 × 2.160247 = 3 ± 4.234084 → lower 0.
        var model = MeanBaselineForecaster.Fit(Series.Hourly(Series.Monday, 1, 2, 3, 6), LocalCalendar.Utc);
        var hour = model.Hour(Series.Monday.AddDays(1));
        Assert.Equal(3, hour.Expected);
        Assert.Equal(5.768573, hour.Upper80, 5);
        Assert.Equal(0.231427, hour.Lower80, 5);
        Assert.Equal(7.234084, hour.Upper95, 5);
        Assert.Equal(0, hour.Lower95);
    }

    [Fact]
    public void The_default_beats_the_baseline_on_a_daily_and_weekly_rhythm()
    {
        // Eight weeks of a household: weekday mornings and evenings, weekend middays, ±15 % noise (fixed seed).
        var random = new Random(20261122);
        var history = Series.Days(Series.Monday, 56, (day, hour) =>
        {
            var weekend = day % 7 >= 5;
            var level = weekend
                ? 0.4 + (hour is >= 11 and <= 14 ? 1.5 : 0) + (hour is >= 18 and <= 21 ? 1.5 : 0)
                : 0.3 + (hour is 7 or 8 ? 1.0 : 0) + (hour is >= 18 and <= 21 ? 2.0 : 0);
            return level * (1 + (0.15 * ((2 * random.NextDouble()) - 1)));
        });

        var report = Backtest.Run(history, LocalCalendar.Utc, weeks: 2)!;

        Assert.Equal(2, report.HeldOutWeeks);
        Assert.Equal(336, report.Default.Points);
        Assert.True(report.Default.Mae < 0.5 * report.Baseline.Mae, $"MAE {report.Default.Mae} vs baseline {report.Baseline.Mae}");
        Assert.True(report.Default.Mape < 0.5 * report.Baseline.Mape, $"MAPE {report.Default.Mape} vs baseline {report.Baseline.Mape}");
        Assert.InRange(report.Default.Coverage80, 0.7, 0.9);
        Assert.InRange(report.Default.Coverage95, 0.88, 1.0);
    }

    [Fact]
    public void A_backtest_needs_two_weeks_of_training_before_a_held_out_week()
    {
        Assert.Null(Backtest.Run(Series.Days(Series.Monday, 20, Rhythm), LocalCalendar.Utc, weeks: 1));
        Assert.Equal(1, Backtest.Run(Series.Days(Series.Monday, 21, Rhythm), LocalCalendar.Utc, weeks: 2)!.HeldOutWeeks);
    }
}
