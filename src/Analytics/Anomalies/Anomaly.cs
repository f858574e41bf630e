namespace MeterGrains.Analytics.Anomalies;

/// <summary>An hour whose value is out of line.</summary>
/// <param name="Start">UTC start of the hour.</param>
/// <param name="Value">The hour's value.</param>
/// <param name="Expected">What the method expected: the channel mean (z-score) or the slot median (seasonal).</param>
/// <param name="Score">Distance from <paramref name="Expected"/> in (robust) standard deviations, signed.</param>
/// <param name="Direction">Above or below what was expected.</param>
public sealed record Anomaly(DateTimeOffset Start, double Value, double Expected, double Score, AnomalyDirection Direction);
