namespace MeterGrains.Households;

/// <summary>A meter's latest power, as it reports it to its household.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.MeterPower")]
public sealed record MeterPower(
    [property: Id(0)] string MeterId,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] double ImportPowerW,
    [property: Id(3)] double ExportPowerW);
