using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Series;

namespace MeterGrains.Imports.History;

/// <summary>Forecasts the next 7 days of a meter, or of a sum of meters, from stored history.</summary>
public sealed class HistoryForecaster(IMeterHistoryReader history)
{
    /// <summary>History used: the last 8 weeks (recency weighting makes older weeks count little anyway).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(56);

    /// <summary>Fewer hours than a day cannot show a daily rhythm.</summary>
    public const int MinHours = 24;

    /// <summary>Weeks the backtest holds out.</summary>
    public const int BacktestWeeks = 2;

    private const string NoHistory = "no imported interval energy, no complete buckets";

    /// <summary>
    /// The forecast of <paramref name="meterId"/>; null with the reason when there is no or too little history. The
    /// reason names the meter as <paramref name="shownAs"/> (a processing app's pseudonym, never the id).
    /// </summary>
    public async Task<(HistoryForecast? Forecast, string? Missing)> ForecastAsync(
        string meterId, string shownAs, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        if (await history.ReadHourlyAsync(meterId, Window, cancellationToken) is not { } stored)
        {
            return (null, $"no stored history for meter '{shownAs}' ({NoHistory})");
        }

        if (stored.Hours.Length < MinHours)
        {
            return (null, $"meter '{shownAs}' has {stored.Hours.Length} hours of history; a forecast needs at least {MinHours}");
        }

        return (Forecast(stored, calendar), null);
    }

    /// <summary>
    /// The forecast of the hourly sum of <paramref name="meterIds"/> (see <see cref="MeterHistorySum"/>), from the hours
    /// that every meter has; null with the reason, naming the sum as <paramref name="subject"/> and no meter, when a meter
    /// has no history or they share too few hours.
    /// </summary>
    public async Task<(HistoryForecast? Forecast, string? Missing)> ForecastSumAsync(
        IReadOnlyList<string> meterIds, string subject, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(meterIds.Count);
        var stored = await Task.WhenAll(meterIds.Select(id => history.ReadHourlyAsync(id, Window, cancellationToken)));
        var without = stored.Count(h => h is null);
        if (without > 0)
        {
            return (null, $"{without} of the {meterIds.Count} meters summed for {subject} have no stored history ({NoHistory})");
        }

        var sum = MeterHistorySum.Sum([.. stored.OfType<MeterHistory>()]);
        if (sum.Hours.Length < MinHours)
        {
            return (null, $"{subject} has {sum.Hours.Length} hours in which all {meterIds.Count} of its summed meters have history; a forecast needs at least {MinHours}");
        }

        return (Forecast(sum, calendar), null);
    }

    private static HistoryForecast Forecast(MeterHistory stored, LocalCalendar calendar)
    {
        var hours = stored.Hours;
        var forecast = Forecaster.Forecast(SeasonalProfileForecaster.Fit(hours, calendar), hours[^1].Start, calendar);
        var backtest = Backtest.Run(hours, calendar, BacktestWeeks);
        return new HistoryForecast(stored.Quantity, hours[0].Start, hours[^1].Start.AddHours(1), hours.Length, forecast, backtest);
    }
}
