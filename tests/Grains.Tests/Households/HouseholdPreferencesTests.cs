using MeterGrains.Households;

namespace MeterGrains.Grains.Tests.Households;

public sealed class HouseholdPreferencesTests
{
    [Fact]
    public void A_bucket_is_priced_per_kwh()
    {
        // 2,500 Wh imported at 0.32/kWh = 0.80; 1,200 Wh exported at 0.05/kWh = 0.06; net 0.74.
        var cost = TariffPricing.Price(new EnergyTariff("EUR", 0.32m, 0.05m), importWh: 2500, exportWh: 1200);

        Assert.Equal(new EnergyCost("EUR", 0.80m, 0.06m, 0.74m), cost);
    }

    [Theory]
    [InlineData(0, 60, null, "gridImportAlert.aboveW must be a positive number")]
    [InlineData(5000, -1, null, "gridImportAlert.forSeconds must be between 0 and 86400")]
    [InlineData(5000, 86401, null, "gridImportAlert.forSeconds must be between 0 and 86400")]
    [InlineData(5000, 60, "eur", "tariff.currency must be an ISO 4217 code")]
    public void Bad_preferences_are_refused_with_the_key_named(double watts, double seconds, string? currency, string expected)
    {
        var preferences = new HouseholdPreferences(
            new PowerThreshold(watts, TimeSpan.FromSeconds(seconds)),
            null,
            currency is null ? null : new EnergyTariff(currency, 0.3m, 0.1m));

        Assert.StartsWith(expected, HouseholdPreferenceRules.Explain(preferences));
    }

    [Fact]
    public void A_price_per_mwh_by_mistake_is_refused()
    {
        var preferences = new HouseholdPreferences(null, null, new EnergyTariff("EUR", 320m, 0.05m));

        Assert.StartsWith("tariff.importPerKwh must be between 0 and 100", HouseholdPreferenceRules.Explain(preferences));
    }

    [Fact]
    public void Sensible_preferences_pass()
    {
        Assert.Null(HouseholdPreferenceRules.Explain(new HouseholdPreferences(
            new PowerThreshold(8000, TimeSpan.FromMinutes(5)), new PowerThreshold(4600, TimeSpan.Zero), new EnergyTariff("CHF", 0.27m, 0m))));
    }
}
