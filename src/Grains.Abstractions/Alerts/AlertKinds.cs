namespace MeterGrains.Alerts;

/// <summary>The kinds of alert MeterGrains raises itself.</summary>
public static class AlertKinds
{
    /// <summary>A meter sent nothing for longer than <c>offlineAfter</c>.</summary>
    public const string MeterOffline = "meter-offline";

    /// <summary>A meter that was offline sent a reading again.</summary>
    public const string MeterOnline = "meter-online";

    /// <summary>A household drew more from the grid than its preferences allow, for longer than they allow.</summary>
    public const string GridImportHigh = "grid-import-high";

    /// <summary>A household's grid import that was too high fell back to its limit or below.</summary>
    public const string GridImportNormal = "grid-import-normal";

    /// <summary>A household fed more into the grid than its preferences allow, for longer than they allow.</summary>
    public const string GridExportHigh = "grid-export-high";

    /// <summary>A household's grid export that was too high fell back to its limit or below.</summary>
    public const string GridExportNormal = "grid-export-normal";

    /// <summary>A meter's net power was far outside its own profile for that hour of the day (see <c>Anomalies:SpikeScore</c>).</summary>
    public const string PowerSpike = "power-spike";

    /// <summary>An energy register of a meter went backwards by more than 1 Wh (energy counting takes it as a register reset).</summary>
    public const string RegisterBackwards = "register-backwards";

    /// <summary>A meter's energy register stopped counting while its power said energy was flowing (see <c>Anomalies:RegisterStalledAfterWh</c>).</summary>
    public const string RegisterStalled = "register-stalled";

    /// <summary>A meter kept reporting, but the voltage of its line stayed near 0 V for <c>Anomalies:PhaseDeadAfter</c>.</summary>
    public const string PhaseDead = "phase-dead";

    /// <summary>The voltage of a meter whose phase was reported dead is back.</summary>
    public const string PhaseRestored = "phase-restored";
}
