namespace MeterGrains.Api.Households;

/// <summary>The body of <c>PUT /api/v1/households/{householdId}</c> (interfaces.md).</summary>
public sealed record HouseholdRequest(
    string? Type,
    int? Occupants,
    string? TimeZone,
    string? Tariff,
    string? Name,
    string? Address,
    string? Email,
    IReadOnlyList<HouseholdMeterRequest>? Meters);

/// <summary>A meter of the household and its role: <c>grid</c>, <c>production</c> or <c>consumption</c>.</summary>
public sealed record HouseholdMeterRequest(string? MeterId, string? Role);
