namespace MeterGrains.Domain;

/// <summary>Which anomaly episodes of a meter are under way (persisted as one number).</summary>
[Flags]
public enum AnomalyFlags
{
    None = 0,

    /// <summary>A <c>power-spike</c> was raised and the power has not been back inside the profile since.</summary>
    InSpike = 1,

    /// <summary>The meter has reported a live voltage: only a line seen live can die.</summary>
    PhaseSeenLive = 2,

    /// <summary>A <c>phase-dead</c> was raised and the voltage has not come back since.</summary>
    PhaseDead = 4,

    /// <summary>A <c>register-stalled</c> was raised for the import register and it has not moved since.</summary>
    ImportStalled = 8,

    /// <summary>The same for the export register.</summary>
    ExportStalled = 16,
}
