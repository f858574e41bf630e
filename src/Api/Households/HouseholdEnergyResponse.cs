using System.Text.Json.Serialization;
using MeterGrains.Api.Energy;
using MeterGrains.Energy;
using MeterGrains.Households;

namespace MeterGrains.Api.Households;

/// <summary>
/// A household's energy as <c>GET /api/v1/households/{householdId}/energy</c> returns it: every bucket of the range,
/// oldest first, days in the household's time zone.
/// </summary>
public sealed record HouseholdEnergyResponse(
    string HouseholdId,
    string Interval,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<HouseholdEnergyBucketResponse> Buckets)
{
    public static HouseholdEnergyResponse Create(string householdId, EnergyQuery query, IReadOnlyList<HouseholdEnergyBucket> buckets) => new(
        householdId,
        EnergyIntervalNames.ToName(query.Interval),
        query.TimeZone,
        query.From,
        query.To,
        [.. buckets.Select(b => new HouseholdEnergyBucketResponse(
            b.Start, b.End, b.ImportWh, b.ExportWh, b.ProductionWh, b.ConsumptionWh, b.SelfSufficiency, b.Complete, b.Cost))]);
}

/// <summary>
/// One household bucket (domain.md): grid import and export, production, <c>consumptionWh = importWh − exportWh +
/// productionWh</c>, <c>selfSufficiency = 1 − importWh / consumptionWh</c> (null without consumption), and whether
/// every grid and production meter covered all of it; <c>cost</c> prices import and export at the household's tariff
/// (absent without one).
/// </summary>
public sealed record HouseholdEnergyBucketResponse(
    DateTimeOffset Start,
    DateTimeOffset End,
    double ImportWh,
    double ExportWh,
    double ProductionWh,
    double ConsumptionWh,
    double? SelfSufficiency,
    bool Complete,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EnergyCost? Cost);
