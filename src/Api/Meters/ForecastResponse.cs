using MeterGrains.Analytics.Forecasting;
using MeterGrains.Api.Forecasts;
using MeterGrains.Imports.History;

namespace MeterGrains.Api.Meters;

/// <summary>The answer of <c>GET /api/v1/meters/{meterId}/forecast</c>.</summary>
/// <param name="MeterId">The meter or sub-meter, as the caller named it (a processing app: its pseudonym).</param>
/// <param name="Interval"><c>1h</c> or <c>1d</c>.</param>
/// <param name="TimeZone">Zone of the local days and of the hour-of-day rhythm.</param>
/// <param name="Method">The forecast method (<c>seasonal-profile</c>).</param>
/// <param name="Quantity"><c>energyWh</c> (imported interval energy) or <c>netEnergyWh</c> (import − export of the meter's buckets).</param>
/// <param name="Unit">Unit of every value: Wh.</param>
/// <param name="HistoryFrom">Start of the first hour of history used.</param>
/// <param name="HistoryTo">End of the last hour of history used; the forecast starts here.</param>
/// <param name="HistoryHours">Hours of history used.</param>
/// <param name="Points">The forecast: expected value with 80 % and 95 % prediction intervals, per hour or per local day.</param>
/// <param name="Backtest">Default method and mean ± zσ baseline on the last two held-out weeks of the history (hourly); null with less than three weeks.</param>
public sealed record ForecastResponse(
    string MeterId,
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
    public static ForecastResponse Create(string meterId, string? interval, TimeZoneInfo zone, HistoryForecast forecast)
    {
        var daily = interval == ForecastQuery.Daily;
        return new(
            meterId,
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
