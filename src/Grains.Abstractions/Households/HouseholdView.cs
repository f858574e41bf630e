namespace MeterGrains.Households;

/// <summary>What a household grain knows: its definition and its live flow.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdView")]
public sealed record HouseholdView(
    [property: Id(0)] string HouseholdId,
    [property: Id(1)] HouseholdDefinition Definition,
    [property: Id(2)] HouseholdFlow Flow);
