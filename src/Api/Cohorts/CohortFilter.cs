namespace MeterGrains.Api.Cohorts;

/// <summary>Which households a cohort holds: a household type and an occupant count, each optional.</summary>
public sealed record CohortFilter(string? Type, int? Occupants);
