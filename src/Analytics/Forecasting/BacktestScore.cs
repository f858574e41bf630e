namespace MeterGrains.Analytics.Forecasting;

/// <summary>How one method did on the held-out hours.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Points">Held-out hours forecast.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Mape">Mean absolute percentage error, %, over the hours whose actual value is not zero (null when none is).</param>
/// <param name="Coverage80">Share of actual values inside the 80 % interval (0–1; ideal 0.8).</param>
/// <param name="Coverage95">Share of actual values inside the 95 % interval (0–1; ideal 0.95).</param>
public sealed record BacktestScore(string Method, int Points, double Mae, double? Mape, double Coverage80, double Coverage95);
