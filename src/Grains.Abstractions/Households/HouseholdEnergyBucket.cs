namespace MeterGrains.Households;

/// <summary>
/// Energy of a household over <c>[Start, End)</c>, as <c>GET /api/v1/households/{householdId}/energy</c> serves it
/// (domain.md): <c>consumptionWh = importWh − exportWh + productionWh</c>.
/// </summary>
/// <param name="Start">First instant of the bucket (UTC).</param>
/// <param name="End">First instant after the bucket (UTC).</param>
/// <param name="ImportWh">Energy drawn from the grid (grid meters' import), Wh.</param>
/// <param name="ExportWh">Energy fed into the grid (grid meters' export), Wh.</param>
/// <param name="ProductionWh">Energy generated (production meters' import plus export), Wh.</param>
/// <param name="ConsumptionWh">Energy used in the household, Wh.</param>
/// <param name="SelfSufficiency"><c>1 − importWh / consumptionWh</c>; null when consumption is not positive.</param>
/// <param name="Complete">True when the household has a grid meter and every grid and production meter's bucket is complete.</param>
/// <param name="Cost">The bucket priced at the household's tariff; null when it has none.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdEnergyBucket")]
public sealed record HouseholdEnergyBucket(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] double ImportWh,
    [property: Id(3)] double ExportWh,
    [property: Id(4)] double ProductionWh,
    [property: Id(5)] double ConsumptionWh,
    [property: Id(6)] double? SelfSufficiency,
    [property: Id(7)] bool Complete,
    [property: Id(8)] EnergyCost? Cost = null);
