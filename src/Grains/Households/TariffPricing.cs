namespace MeterGrains.Households;

/// <summary>Prices a household energy bucket at an <see cref="EnergyTariff"/> (per kWh, so Wh / 1000).</summary>
public static class TariffPricing
{
    public static EnergyCost Price(EnergyTariff tariff, double importWh, double exportWh)
    {
        var importCost = (decimal)importWh / 1000m * tariff.ImportPerKwh;
        var exportCredit = (decimal)exportWh / 1000m * tariff.ExportPerKwh;
        return new EnergyCost(tariff.Currency, importCost, exportCredit, importCost - exportCredit);
    }
}
