using MeterGrains.Alerts;
using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// The online anomaly checks of one meter (<see cref="PowerSpikeCheck"/>, <see cref="RegisterCheck"/>,
/// <see cref="PhaseCheck"/>), run on every accepted reading newer than all before it: a late reading changes history,
/// not the present, so it is not judged. Their memory lives in <see cref="MeterSnapshot.Anomalies"/>, so a replay after
/// a crash reaches the same state and raises the same alerts, with the same ts (the alert store keeps one of each).
/// </summary>
public sealed class MeterAnomalies(AnomalyRules rules, TimeSpan maxGap)
{
    /// <summary>
    /// What the checks need of the meter as it was before a reading: take it before applying the reading. The registers
    /// are the raw values the reset correction compares with (<see cref="RegisterTracker.LastRawWh"/>, which jitter does not
    /// lower), so a drop is reported exactly when energy counting takes it as a reset.
    /// </summary>
    public readonly record struct Before(DateTimeOffset? LastReadingAt, DateTimeOffset? LastPowerAt, double? ImportRegisterWh, double? ExportRegisterWh)
    {
        public static Before Of(MeterSnapshot snapshot) =>
            new(snapshot.LastReadingAt, snapshot.LastPowerAt, snapshot.ImportRegister.LastRawWh, snapshot.ExportRegister.LastRawWh);
    }

    /// <summary>
    /// Judges <paramref name="reading"/>, accepted into <paramref name="snapshot"/> (which was <paramref name="before"/>
    /// until then), and adds the alerts it raises to <paramref name="alerts"/> (made when the first is due).
    /// </summary>
    public void Observe(string meterId, MeterSnapshot snapshot, Before before, MeterReading reading, ref List<Alert>? alerts)
    {
        var at = reading.Timestamp;
        if (before.LastReadingAt is { } latest && at <= latest)
        {
            return;
        }

        var state = snapshot.Anomalies ??= new MeterAnomalyState();
        if (reading.HasPower)
        {
            var net = (reading.ImportPowerW ?? 0) - (reading.ExportPowerW ?? 0);
            TimeSpan? heldFor = before.LastPowerAt is { } previous && at - previous <= maxGap ? at - previous : null;
            Add(ref alerts, PowerSpikeCheck.Observe(meterId, state, rules, at, net, heldFor));
        }

        if (reading.ImportRegisterWh is { } import)
        {
            Add(ref alerts, RegisterCheck.Observe(meterId, state, rules, RegisterKind.Import, at, before.ImportRegisterWh, import, snapshot.IntegratedImportWh));
        }

        if (reading.ExportRegisterWh is { } export)
        {
            Add(ref alerts, RegisterCheck.Observe(meterId, state, rules, RegisterKind.Export, at, before.ExportRegisterWh, export, snapshot.IntegratedExportWh));
        }

        if (reading.VoltageV is { } voltage)
        {
            Add(ref alerts, PhaseCheck.Observe(meterId, state, rules, at, voltage));
        }
    }

    private static void Add(ref List<Alert>? alerts, Alert? alert)
    {
        if (alert is not null)
        {
            (alerts ??= []).Add(alert);
        }
    }
}
