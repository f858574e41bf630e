namespace MeterGrains.Households;

/// <summary>What a household pays for grid energy and is paid for energy it feeds in.</summary>
/// <param name="Currency">ISO 4217 code, e.g. <c>EUR</c>.</param>
/// <param name="ImportPerKwh">Price of one kWh drawn from the grid.</param>
/// <param name="ExportPerKwh">Credit for one kWh fed into the grid.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.EnergyTariff")]
public sealed record EnergyTariff(
    [property: Id(0)] string Currency,
    [property: Id(1)] decimal ImportPerKwh,
    [property: Id(2)] decimal ExportPerKwh);
