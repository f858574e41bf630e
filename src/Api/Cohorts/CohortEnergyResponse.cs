namespace MeterGrains.Api.Cohorts;

/// <summary>The answer of <c>GET /api/v1/cohorts/energy</c>: the cohort asked for, k, and its buckets in UTC.</summary>
public sealed record CohortEnergyResponse(
    string? Type,
    int? Occupants,
    string Interval,
    int MinHouseholds,
    IReadOnlyList<CohortEnergyBucket> Buckets);
