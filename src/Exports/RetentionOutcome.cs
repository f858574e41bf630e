namespace MeterGrains.Exports;

/// <summary>What retention did with one day's raw readings partition: dropped, or kept with the reason why.</summary>
public sealed record RetentionOutcome(DateOnly Day, bool Dropped, string? KeptBecause);
