namespace MeterGrains.Analytics.Forecasting;

/// <summary>The default method and the baseline, side by side on the same held-out weeks.</summary>
public sealed record BacktestReport(int HeldOutWeeks, BacktestScore Default, BacktestScore Baseline);
