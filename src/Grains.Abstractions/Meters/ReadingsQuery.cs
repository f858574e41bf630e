namespace MeterGrains.Meters;

/// <summary>A request for at most <see cref="Limit"/> stored readings with <c>From ≤ ts &lt; To</c>, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.ReadingsQuery")]
public sealed record ReadingsQuery(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] int Limit);
