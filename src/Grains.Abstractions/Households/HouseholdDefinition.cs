namespace MeterGrains.Households;

/// <summary>
/// A household's metadata as <c>PUT /api/v1/households/{id}</c> sets it (domain.md): type, occupants,
/// IANA time zone, optional tariff, personal data (encrypted at rest, operators only) and meters.
/// </summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdDefinition")]
public sealed record HouseholdDefinition(
    [property: Id(0)] string Type,
    [property: Id(1)] int Occupants,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] string? Tariff,
    [property: Id(4)] PersonalData Personal,
    [property: Id(5)] IReadOnlyList<HouseholdMeter> Meters);

/// <summary>Personal fields of a household; never leave the operator role.</summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.PersonalData")]
public sealed record PersonalData(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Address,
    [property: Id(2)] string? Email)
{
    public static PersonalData None { get; } = new(null, null, null);

    public bool IsEmpty => Name is null && Address is null && Email is null;
}
