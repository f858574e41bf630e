using MeterGrains.Analytics.Forecasting;
using MeterGrains.Api.Forecasts;
using MeterGrains.Imports.History;

namespace MeterGrains.Api.Households;

/// <summary>
/// The answer of <c>GET /api/v1/households/{householdId}/forecast</c>: the forecast of the household's grid connection,
/// the hourly sum of its grid meters' stored history (the <c>importWh − exportWh</c> of its energy buckets), shaped as
/// a meter's forecast.
/// </summary>
/// <param name="HouseholdId">The household, as the caller named it (a processing app: its pseudonym).</param>
/// <param name="GridMeters">How many grid meters were summed.</param>
/// <param name="Interval"><c>1h</c> or <c>1d</c>.</param>
/// <param name="TimeZone">Zone of the local days and of the hour-of-day rhythm.</param>
/// <param name="Method">The forecast method (<c>seasonal-profile</c>).</param>
/// <param name="Quantity">
/// <c>energyWh</c> when every grid meter's history is imported interval energy, else <c>netEnergyWh</c> (import − export;
/// imported interval energy counts as import).
/// </param>
/// <param name="Unit">Unit of every value: Wh.</param>
/// <param name="HistoryFrom">Start of the first hour of history used.</param>
/// <param name="HistoryTo">End of the last hour of history used; the forecast starts here.</param>
/// <param name="HistoryHours">Hours of history used: the hours in which every grid meter has history.</param>
/// <param name="Points">The forecast: expected value with 80 % and 95 % prediction intervals, per hour or per local day.</param>
/// <param name="Backtest">Default method and mean ± zσ baseline on the last two held-out weeks of the history (hourly); null with less than three weeks.</param>
public sealed record HouseholdForecastResponse(
    string HouseholdId,
    int GridMeters,
    string Interval,
    string TimeZone,
    string Method,
    string Quantity,
    string Unit,
    DateTimeOffset HistoryFrom,
    DateTimeOffset HistoryTo,
    int HistoryHours,
    IReadOnlyList<ForecastPoint> Points,
    BacktestReport? Backtest)
{
    public static HouseholdForecastResponse Create(string householdId, int gridMeters, string? interval, TimeZoneInfo zone, HistoryForecast forecast)
    {
        var daily = interval == ForecastQuery.Daily;
        return new(
            householdId,
            gridMeters,
            daily ? ForecastQuery.Daily : ForecastQuery.Hourly,
            zone.Id,
            forecast.Forecast.Method,
            forecast.Quantity,
            "Wh",
            forecast.HistoryFrom,
            forecast.HistoryTo,
            forecast.HistoryHours,
            daily ? forecast.Forecast.Daily : forecast.Forecast.Hourly,
            forecast.Backtest);
    }
}
