namespace MeterGrains.Bench;

/// <summary>The baseline grain plus the meter grain's two persistent states, empty.</summary>
[Alias("MeterGrains.Bench.IStateProbeGrain")]
public interface IStateProbeGrain : IBaselineGrain;
