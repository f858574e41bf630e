namespace MeterGrains.Households;

/// <summary>A meter of a household and its role.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdMeter")]
public sealed record HouseholdMeter(
    [property: Id(0)] string MeterId,
    [property: Id(1)] MeterRole Role);
