namespace MeterGrains.Meters;

/// <summary>A reading the meter refused, with the reason in plain words.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.RejectedReading")]
public sealed record RejectedReading(
    [property: Id(0)] MeterReading Reading,
    [property: Id(1)] string Reason);
