namespace MeterGrains.Api.Cohorts;

/// <summary>
/// One bucket of a cohort. When <see cref="Suppressed"/> (fewer households than k), every figure and the household
/// count are null. Per-household figures are averages over <see cref="Households"/>; the per-person figure is the
/// cohort's consumption divided by its occupants.
/// </summary>
public sealed record CohortEnergyBucket(
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Suppressed,
    int? Households,
    double? ImportWhPerHousehold,
    double? ExportWhPerHousehold,
    double? ProductionWhPerHousehold,
    double? ConsumptionWhPerHousehold,
    double? ConsumptionWhPerPerson);
