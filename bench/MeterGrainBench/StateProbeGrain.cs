using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>Measures what the meter grain's two persistent states (both still empty) add to an activation.</summary>
public sealed class StateProbeGrain(
    [PersistentState("meter", StorageNames.Postgres)] IPersistentState<MeterSnapshot> state,
    [PersistentState("assignment", StorageNames.Postgres)] IPersistentState<MeterAssignment> assignment) : Grain, IStateProbeGrain
{
    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings)
    {
        GC.KeepAlive(state);
        GC.KeepAlive(assignment);
        return ValueTask.FromResult(IngestResult.Empty);
    }
}
