using MeterGrains.Domain;

namespace MeterGrains.Meters;

/// <summary>Thresholds of the anomaly checks every meter grain runs on its readings (configuration section <c>Anomalies</c>).</summary>
public sealed class AnomalyOptions
{
    public const string SectionName = "Anomalies";

    /// <summary>
    /// A reading whose net power is more than this many standard deviations from its meter's profile for that hour
    /// raises <c>power-spike</c> (<c>Anomalies:SpikeScore</c>).
    /// </summary>
    public double SpikeScore { get; set; } = 6;

    /// <summary>…and only when it is also at least this many watts from the profile's mean (<c>Anomalies:SpikeFloorW</c>).</summary>
    public double SpikeFloorW { get; set; } = 1000;

    /// <summary>
    /// Time constant of the hourly profile, in time observed in that hour of the day (<c>Anomalies:ProfileMemory</c>):
    /// 4 h means each hour mostly remembers the same hour of the last four days.
    /// </summary>
    public TimeSpan ProfileMemory { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How much an hour's profile must have observed before it judges spikes, at most 18 h (<c>Anomalies:ProfileWarmUp</c>).</summary>
    public TimeSpan ProfileWarmUp { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A register that does not rise while the power integral counts this many Wh raises <c>register-stalled</c> (<c>Anomalies:RegisterStalledAfterWh</c>).</summary>
    public double RegisterStalledAfterWh { get; set; } = 100;

    /// <summary>A voltage below this is a dead line (<c>Anomalies:DeadPhaseVoltageV</c>).</summary>
    public double DeadPhaseVoltageV { get; set; } = 50;

    /// <summary>How long the voltage must stay dead before <c>phase-dead</c> (<c>Anomalies:PhaseDeadAfter</c>).</summary>
    public TimeSpan PhaseDeadAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The domain rules these options make; built once and shared by every meter of the silo.</summary>
    public AnomalyRules Rules => _rules ??= new AnomalyRules
    {
        SpikeScore = SpikeScore,
        SpikeFloorW = SpikeFloorW,
        ProfileMemory = ProfileMemory,
        ProfileWarmUp = ProfileWarmUp,
        RegisterStalledAfterWh = RegisterStalledAfterWh,
        DeadPhaseVoltageV = DeadPhaseVoltageV,
        PhaseDeadAfter = PhaseDeadAfter,
    };

    private AnomalyRules? _rules;
}
