namespace MeterGrains.Domain;

/// <summary>The thresholds of a meter's online anomaly checks (<see cref="MeterAnomalies"/>); set from <c>Anomalies</c>.</summary>
public sealed record AnomalyRules
{
    /// <summary>A reading is a spike when its net power is more than this many standard deviations from the profile's mean.</summary>
    public double SpikeScore { get; init; } = 6;

    /// <summary>…and at least this many watts from it, so a meter near 0 W does not alert on noise.</summary>
    public double SpikeFloorW { get; init; } = 1000;

    /// <summary>
    /// The time constant of the hourly profile, counted in time observed in that hour of the day: 4 h means the profile
    /// of 03:00–04:00 mostly remembers the last four days' 03:00–04:00.
    /// </summary>
    public TimeSpan ProfileMemory { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How much time an hour's profile must have observed before it judges spikes (at most 18 h: the counter is 16-bit seconds).</summary>
    public TimeSpan ProfileWarmUp { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A register that stays put while the power integral counts this much energy has stalled.</summary>
    public double RegisterStalledAfterWh { get; init; } = 100;

    /// <summary>A voltage below this is a dead line.</summary>
    public double DeadPhaseVoltageV { get; init; } = 50;

    /// <summary>How long the voltage must stay dead before <c>phase-dead</c> is raised.</summary>
    public TimeSpan PhaseDeadAfter { get; init; } = TimeSpan.FromSeconds(60);
}
