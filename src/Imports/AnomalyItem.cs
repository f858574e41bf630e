namespace MeterGrains.Imports;

/// <summary>An anomalous hour as the API shows it.</summary>
/// <param name="Start">UTC start of the hour.</param>
/// <param name="Value">The hour's value.</param>
/// <param name="Expected">The slot's median (local hour of day and day type).</param>
/// <param name="Score">Robust score (value − median) / (1.4826 × MAD).</param>
/// <param name="Direction"><c>high</c> or <c>low</c>.</param>
public sealed record AnomalyItem(DateTimeOffset Start, double Value, double Expected, double Score, string Direction);
