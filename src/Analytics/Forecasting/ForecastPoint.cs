namespace MeterGrains.Analytics.Forecasting;

/// <summary>A forecast for <c>[Start, End)</c>: the expected value and its 80 % and 95 % prediction intervals.</summary>
public sealed record ForecastPoint(
    DateTimeOffset Start,
    DateTimeOffset End,
    double Expected,
    double Lower80,
    double Upper80,
    double Lower95,
    double Upper95);
