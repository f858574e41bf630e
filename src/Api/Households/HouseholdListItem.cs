namespace MeterGrains.Api.Households;

/// <summary>One household of a listing: its id (a processing app: its pseudonym) and what cohorts group it by.</summary>
public sealed record HouseholdListItem(string HouseholdId, string Type, int Occupants, string TimeZone);
