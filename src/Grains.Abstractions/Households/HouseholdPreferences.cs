namespace MeterGrains.Households;

/// <summary>
/// What a household (its resident or an operator) chooses: alert thresholds on its live grid flow and the tariff its
/// energy is priced at. Every part is optional.
/// </summary>
/// <param name="GridImportAlert">Alert when the household draws more than this from the grid.</param>
/// <param name="GridExportAlert">Alert when the household feeds more than this into the grid (a feed-in cap).</param>
/// <param name="Tariff">Prices for the household's energy buckets.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.HouseholdPreferences")]
public sealed record HouseholdPreferences(
    [property: Id(0)] PowerThreshold? GridImportAlert,
    [property: Id(1)] PowerThreshold? GridExportAlert,
    [property: Id(2)] EnergyTariff? Tariff)
{
    public static HouseholdPreferences None { get; } = new(null, null, null);
}
