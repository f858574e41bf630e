using MeterGrains.Households;

namespace MeterGrains.Api.Households;

/// <summary>
/// The body of <c>PUT /api/v1/households/{householdId}/preferences</c> and the answer of its <c>GET</c>: alert
/// thresholds on the live grid flow and the tariff the household's energy is priced at. Every part is optional.
/// </summary>
public sealed record PreferencesDocument(
    ThresholdDocument? GridImportAlert,
    ThresholdDocument? GridExportAlert,
    TariffDocument? Tariff)
{
    public static PreferencesDocument From(HouseholdPreferences preferences) => new(
        ThresholdDocument.From(preferences.GridImportAlert),
        ThresholdDocument.From(preferences.GridExportAlert),
        preferences.Tariff is { } t ? new TariffDocument(t.Currency, t.ImportPerKwh, t.ExportPerKwh) : null);

    /// <summary>The preferences this document asks for, or null with the reason in <paramref name="problem"/>.</summary>
    public HouseholdPreferences? ToPreferences(out string? problem)
    {
        problem = GridImportAlert?.Explain("gridImportAlert") ?? GridExportAlert?.Explain("gridExportAlert") ?? Tariff?.Explain();
        if (problem is not null)
        {
            return null;
        }

        var preferences = new HouseholdPreferences(
            GridImportAlert?.ToThreshold(),
            GridExportAlert?.ToThreshold(),
            Tariff is { } t ? new EnergyTariff(t.Currency!, t.ImportPerKwh!.Value, t.ExportPerKwh!.Value) : null);
        problem = HouseholdPreferenceRules.Explain(preferences);
        return problem is null ? preferences : null;
    }
}

/// <summary>Alert when the power stays above <c>aboveW</c> for <c>forSeconds</c> (default 0: at once).</summary>
public sealed record ThresholdDocument(double? AboveW, double? ForSeconds)
{
    public static ThresholdDocument? From(PowerThreshold? threshold) =>
        threshold is null ? null : new ThresholdDocument(threshold.Watts, threshold.Sustain.TotalSeconds);

    public string? Explain(string name) =>
        AboveW is null ? $"{name}.aboveW is required"
        : ForSeconds is { } s && (!double.IsFinite(s) || s < 0 || s > HouseholdPreferenceRules.MaxSustain.TotalSeconds)
            ? $"{name}.forSeconds must be between 0 and {HouseholdPreferenceRules.MaxSustain.TotalSeconds:0} (is {s})"
            : null;

    public PowerThreshold ToThreshold() => new(AboveW!.Value, TimeSpan.FromSeconds(ForSeconds ?? 0));
}

/// <summary>Prices per kWh in <c>currency</c> (ISO 4217).</summary>
public sealed record TariffDocument(string? Currency, decimal? ImportPerKwh, decimal? ExportPerKwh)
{
    public string? Explain() =>
        Currency is null || ImportPerKwh is null || ExportPerKwh is null
            ? "tariff needs currency, importPerKwh and exportPerKwh"
            : null;
}
