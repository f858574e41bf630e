namespace MeterGrains.Households;

/// <summary>The limits on <see cref="HouseholdPreferences"/>, checked wherever preferences come in.</summary>
public static class HouseholdPreferenceRules
{
    /// <summary>The longest sustain a threshold may ask for.</summary>
    public static readonly TimeSpan MaxSustain = TimeSpan.FromDays(1);

    /// <summary>The highest price per kWh accepted (a guard against a unit mistake, e.g. a price per MWh).</summary>
    public const decimal MaxPricePerKwh = 100m;

    /// <summary>The reason preferences are refused, or null when they are valid.</summary>
    public static string? Explain(HouseholdPreferences preferences) =>
        ExplainThreshold("gridImportAlert", preferences.GridImportAlert)
        ?? ExplainThreshold("gridExportAlert", preferences.GridExportAlert)
        ?? ExplainTariff(preferences.Tariff);

    private static string? ExplainThreshold(string name, PowerThreshold? threshold)
    {
        if (threshold is null)
        {
            return null;
        }

        if (!double.IsFinite(threshold.Watts) || threshold.Watts <= 0 || threshold.Watts > 1e9)
        {
            return $"{name}.aboveW must be a positive number of watts up to 1e9 (is {threshold.Watts})";
        }

        return threshold.Sustain < TimeSpan.Zero || threshold.Sustain > MaxSustain
            ? $"{name}.forSeconds must be between 0 and {MaxSustain.TotalSeconds:0} (is {threshold.Sustain.TotalSeconds})"
            : null;
    }

    private static string? ExplainTariff(EnergyTariff? tariff)
    {
        if (tariff is null)
        {
            return null;
        }

        if (tariff.Currency.Length != 3 || !tariff.Currency.All(char.IsAsciiLetterUpper))
        {
            return $"tariff.currency must be an ISO 4217 code of three capital letters (is '{tariff.Currency}')";
        }

        if (tariff.ImportPerKwh is < 0 or > MaxPricePerKwh)
        {
            return $"tariff.importPerKwh must be between 0 and {MaxPricePerKwh} (is {tariff.ImportPerKwh})";
        }

        return tariff.ExportPerKwh is < 0 or > MaxPricePerKwh
            ? $"tariff.exportPerKwh must be between 0 and {MaxPricePerKwh} (is {tariff.ExportPerKwh})"
            : null;
    }
}
