namespace MeterGrains.Meters;

/// <summary>What a meter grain did with a batch of readings.</summary>
/// <param name="Accepted">Readings accepted (new or exact duplicates).</param>
/// <param name="Rejected">Readings refused, each with its reason.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] IReadOnlyList<RejectedReading> Rejected)
{
    public static IngestResult Empty { get; } = new(0, []);
}
