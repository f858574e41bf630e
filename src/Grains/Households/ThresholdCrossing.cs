namespace MeterGrains.Households;

/// <summary>A power threshold became exceeded (<paramref name="Exceeded"/>) or recovered, at <paramref name="At"/>.</summary>
public readonly record struct ThresholdCrossing(bool Exceeded, DateTimeOffset At);
