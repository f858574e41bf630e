namespace MeterGrains.Meters;

/// <summary>A raw reading as the meter accepted and stored it.</summary>
/// <param name="Reading">The reading as received (timestamp with microsecond precision).</param>
/// <param name="Late">True when it came after the reorder window and did not change the integrals.</param>
/// <param name="ReceivedAt">When the cloud received it.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.RecordedReading")]
public sealed record RecordedReading(
    [property: Id(0)] MeterReading Reading,
    [property: Id(1)] bool Late,
    [property: Id(2)] DateTimeOffset ReceivedAt);
