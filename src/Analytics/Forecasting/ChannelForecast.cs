namespace MeterGrains.Analytics.Forecasting;

/// <summary>A forecast of one channel: hourly from the hour after the history, and per local day for the 7 whole days.</summary>
public sealed record ChannelForecast(string Method, IReadOnlyList<ForecastPoint> Hourly, IReadOnlyList<ForecastPoint> Daily);
