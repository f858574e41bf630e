namespace MeterGrains.Households;

/// <summary>The money side of a household energy bucket under its <see cref="EnergyTariff"/>.</summary>
/// <param name="Currency">The tariff's currency.</param>
/// <param name="ImportCost">Grid import priced at the import tariff.</param>
/// <param name="ExportCredit">Grid export priced at the export tariff.</param>
/// <param name="Net"><c>ImportCost − ExportCredit</c>: what the bucket cost (negative: what it earned).</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.EnergyCost")]
public sealed record EnergyCost(
    [property: Id(0)] string Currency,
    [property: Id(1)] decimal ImportCost,
    [property: Id(2)] decimal ExportCredit,
    [property: Id(3)] decimal Net);
