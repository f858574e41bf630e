using MeterGrains.Analytics.Forecasting;

namespace MeterGrains.Imports.History;

/// <summary>A forecast from stored history, with the backtest of the default method and the baseline on that history.</summary>
public sealed record HistoryForecast(
    string Quantity,
    DateTimeOffset HistoryFrom,
    DateTimeOffset HistoryTo,
    int HistoryHours,
    ChannelForecast Forecast,
    BacktestReport? Backtest);
