using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>No state, no fields, no work: what Orleans itself costs per activation and per call.</summary>
public sealed class BaselineGrain : Grain, IBaselineGrain
{
    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings) => ValueTask.FromResult(IngestResult.Empty);
}
