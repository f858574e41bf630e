namespace MeterGrains.Api.Households;

/// <summary>A page of households; <see cref="Next"/> is the <c>after</c> of the next page, null on the last one.</summary>
public sealed record HouseholdListResponse(IReadOnlyList<HouseholdListItem> Households, string? Next);
