using MeterGrains.Alerts;

namespace MeterGrains.Domain;

/// <summary>
/// A dead phase: the meter keeps reporting (so its device has power), but the voltage of its line stays below
/// <see cref="AnomalyRules.DeadPhaseVoltageV"/> for <see cref="AnomalyRules.PhaseDeadAfter"/>. A line never seen live is
/// not judged (a channel wired to nothing). The voltage is a step function of the readings, like a household's flow, so
/// <c>phase-dead</c> has ts = the first dead reading + the hold time, raised by the first reading that shows it; the
/// first live reading after it raises <c>phase-restored</c> at its ts.
/// </summary>
public static class PhaseCheck
{
    public static Alert? Observe(string meterId, MeterAnomalyState state, AnomalyRules rules, DateTimeOffset at, double voltageV)
    {
        if (voltageV >= rules.DeadPhaseVoltageV)
        {
            var wasDead = state.Flags.HasFlag(AnomalyFlags.PhaseDead);
            state.Flags = (state.Flags | AnomalyFlags.PhaseSeenLive) & ~AnomalyFlags.PhaseDead;
            state.PhaseLowSince = null;
            return wasDead
                ? new Alert(
                    AlertKinds.PhaseRestored, meterId, AlertSeverities.Info,
                    $"Meter {meterId} measures {AlertText.Number(voltageV)} V again at {AlertText.Utc(at)}: its phase is back.",
                    at)
                : null;
        }

        if (!state.Flags.HasFlag(AnomalyFlags.PhaseSeenLive))
        {
            return null;
        }

        var since = state.PhaseLowSince ??= at;
        var deadAt = since + rules.PhaseDeadAfter;
        if (state.Flags.HasFlag(AnomalyFlags.PhaseDead) || at < deadAt)
        {
            return null;
        }

        state.Flags |= AnomalyFlags.PhaseDead;
        return new Alert(
            AlertKinds.PhaseDead, meterId, AlertSeverities.Critical,
            $"Meter {meterId} has measured {AlertText.Number(voltageV)} V since {AlertText.Utc(since)} while still reporting: "
            + "its phase is dead.",
            deadAt);
    }
}
