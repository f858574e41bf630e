using MeterGrains.Alerts;

namespace MeterGrains.Domain;

/// <summary>
/// Watches one energy register across in-order readings. Backwards: a drop of more than
/// <see cref="RegisterTracker.JitterToleranceWh"/>, exactly what energy counting takes as a reset (domain.md), so every
/// such reset is also reported. Stalled: the register has not risen while the power integral counted at least
/// <see cref="AnomalyRules.RegisterStalledAfterWh"/> since it last did, reported once until it rises again.
/// </summary>
public static class RegisterCheck
{
    /// <summary>
    /// Judges one raw register value against <paramref name="previousWh"/>, the raw value the reset correction compares it
    /// with (null for the register's first), with <paramref name="integralWh"/> the meter's power integral of the same direction, this
    /// reading included.
    /// </summary>
    public static Alert? Observe(
        string meterId, MeterAnomalyState state, AnomalyRules rules, RegisterKind kind, DateTimeOffset at,
        double? previousWh, double rawWh, double integralWh)
    {
        var name = kind == RegisterKind.Import ? "import" : "export";
        var stalledFlag = kind == RegisterKind.Import ? AnomalyFlags.ImportStalled : AnomalyFlags.ExportStalled;
        if (previousWh is not { } previous || rawWh > previous)
        {
            Moved(state, kind, stalledFlag, integralWh);
            return null;
        }

        if (previous - rawWh > RegisterTracker.JitterToleranceWh)
        {
            Moved(state, kind, stalledFlag, integralWh);
            return new Alert(
                AlertKinds.RegisterBackwards, meterId, AlertSeverities.Warning,
                $"The {name} register of meter {meterId} went backwards from {AlertText.Number(previous)} Wh to {AlertText.Number(rawWh)} Wh "
                + $"at {AlertText.Utc(at)}; energy counting takes it as a register reset (a replaced or reset meter, or a faulty one).",
                at);
        }

        var movedAt = MovedAt(state, kind);
        if (movedAt is null)
        {
            Moved(state, kind, stalledFlag, integralWh);
            return null;
        }

        var counted = integralWh - movedAt.Value;
        if (state.Flags.HasFlag(stalledFlag) || counted < rules.RegisterStalledAfterWh)
        {
            return null;
        }

        state.Flags |= stalledFlag;
        return new Alert(
            AlertKinds.RegisterStalled, meterId, AlertSeverities.Warning,
            $"The {name} register of meter {meterId} stayed at {AlertText.Number(rawWh)} Wh while its power counted "
            + $"{AlertText.Number(counted)} Wh (at {AlertText.Utc(at)}): the register has stopped counting.",
            at);
    }

    private static double? MovedAt(MeterAnomalyState state, RegisterKind kind) =>
        kind == RegisterKind.Import ? state.ImportMovedAtIntegralWh : state.ExportMovedAtIntegralWh;

    private static void Moved(MeterAnomalyState state, RegisterKind kind, AnomalyFlags stalledFlag, double integralWh)
    {
        state.Flags &= ~stalledFlag;
        if (kind == RegisterKind.Import)
        {
            state.ImportMovedAtIntegralWh = integralWh;
        }
        else
        {
            state.ExportMovedAtIntegralWh = integralWh;
        }
    }
}
