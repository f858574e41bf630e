using MeterGrains.Alerts;

namespace MeterGrains.Households;

/// <summary>
/// Watches a household's live grid flow against the thresholds of its <see cref="HouseholdPreferences"/> and says
/// which alerts are due. Plain C#: the household grain stores and pushes what it returns.
/// </summary>
public sealed class FlowAlerts
{
    private readonly string _householdId;
    private readonly PowerThresholdWatch? _import;
    private readonly PowerThresholdWatch? _export;

    public FlowAlerts(string householdId, HouseholdPreferences preferences)
    {
        _householdId = householdId;
        _import = preferences.GridImportAlert is { } import ? new PowerThresholdWatch(import) : null;
        _export = preferences.GridExportAlert is { } export ? new PowerThresholdWatch(export) : null;
    }

    /// <summary>The alerts that <paramref name="flow"/> reveals, oldest first per threshold.</summary>
    public IReadOnlyList<Alert> Observe(HouseholdFlow flow)
    {
        if (flow.UpdatedAt is not { } at || (_import is null && _export is null))
        {
            return [];
        }

        var alerts = new List<Alert>();
        if (_import is not null)
        {
            alerts.AddRange(_import.Observe(flow.GridImportW, at).Select(c => ToAlert(c, _import.Threshold, "drew", "from", AlertKinds.GridImportHigh, AlertKinds.GridImportNormal, "import")));
        }

        if (_export is not null)
        {
            alerts.AddRange(_export.Observe(flow.GridExportW, at).Select(c => ToAlert(c, _export.Threshold, "fed", "into", AlertKinds.GridExportHigh, AlertKinds.GridExportNormal, "export")));
        }

        return alerts;
    }

    private Alert ToAlert(ThresholdCrossing crossing, PowerThreshold threshold, string verb, string preposition, string highKind, string normalKind, string noun) =>
        crossing.Exceeded
            ? new Alert(
                highKind, _householdId, AlertSeverities.Warning,
                $"Household {_householdId} {verb} more than {threshold.Watts:0.###} W {preposition} the grid for {threshold.Sustain.TotalSeconds:0.###} s.",
                crossing.At)
            : new Alert(
                normalKind, _householdId, AlertSeverities.Info,
                $"Household {_householdId}'s grid {noun} is back at or below {threshold.Watts:0.###} W.",
                crossing.At);
}
