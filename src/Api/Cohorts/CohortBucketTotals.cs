namespace MeterGrains.Api.Cohorts;

/// <summary>
/// One bucket of a cohort as the database sums it: households with data in it, their occupants, and per-household
/// averages of their energy (Wh).
/// </summary>
public sealed record CohortBucketTotals(
    DateTimeOffset Start,
    int Households,
    long Occupants,
    double ImportWh,
    double ExportWh,
    double ProductionWh,
    double ConsumptionWh,
    double ConsumptionWhPerPerson);
