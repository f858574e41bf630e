namespace MeterGrains.Bench;

/// <summary>The baseline grain plus one grain timer, as the meter grain registers for its write-behind.</summary>
[Alias("MeterGrains.Bench.ITimerProbeGrain")]
public interface ITimerProbeGrain : IBaselineGrain;
