namespace MeterGrains.Imports;

/// <summary>Anomalies of one channel.</summary>
/// <param name="Method">The default method, <c>seasonal-mad</c>: median/MAD per local hour of day and day type, |score| &gt; 3.5.</param>
/// <param name="Count">Hours the default method flags.</param>
/// <param name="ZScoreCount">Hours the plain rule (value &gt; mean + 2σ of the channel) flags, for comparison.</param>
/// <param name="Items">The first flagged hours of the default method, oldest first.</param>
public sealed record AnomalySummary(string Method, int Count, int ZScoreCount, IReadOnlyList<AnomalyItem> Items);
