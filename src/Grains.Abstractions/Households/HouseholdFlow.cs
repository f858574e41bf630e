namespace MeterGrains.Households;

/// <summary>
/// A household's live power flow (domain.md): <c>consumptionW = gridImportW − gridExportW + productionW</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdFlow")]
public sealed record HouseholdFlow(
    [property: Id(0)] double GridImportW,
    [property: Id(1)] double GridExportW,
    [property: Id(2)] double ProductionW,
    [property: Id(3)] double ConsumptionW,
    [property: Id(4)] DateTimeOffset? UpdatedAt)
{
    public static HouseholdFlow Empty { get; } = new(0, 0, 0, 0, null);
}
