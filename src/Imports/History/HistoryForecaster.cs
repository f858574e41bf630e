using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Series;

namespace MeterGrains.Imports.History;

/// <summary>Forecasts a meter's next 7 days from its stored history.</summary>
public sealed class HistoryForecaster(IMeterHistoryReader history)
{
    /// <summary>History used: the last 8 weeks (recency weighting makes older weeks count little anyway).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(56);

    /// <summary>Fewer hours than a day cannot show a daily rhythm.</summary>
    public const int MinHours = 24;

    /// <summary>Weeks the backtest holds out.</summary>
    public const int BacktestWeeks = 2;

    /// <summary>The forecast; null with the reason when there is no or too little history.</summary>
    public async Task<(HistoryForecast? Forecast, string? Missing)> ForecastAsync(string meterId, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        var stored = await history.ReadHourlyAsync(meterId, Window, cancellationToken);
        if (stored is null)
        {
            return (null, $"no stored history for meter '{meterId}' (no imported interval energy, no complete buckets)");
        }

        if (stored.Hours.Length < MinHours)
        {
            return (null, $"meter '{meterId}' has {stored.Hours.Length} hours of history; a forecast needs at least {MinHours}");
        }

        var hours = stored.Hours;
        var forecast = Forecaster.Forecast(SeasonalProfileForecaster.Fit(hours, calendar), hours[^1].Start, calendar);
        var backtest = Backtest.Run(hours, calendar, BacktestWeeks);
        return (new HistoryForecast(stored.Quantity, hours[0].Start, hours[^1].Start.AddHours(1), hours.Length, forecast, backtest), null);
    }
}
