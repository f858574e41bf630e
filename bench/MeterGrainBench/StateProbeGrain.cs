using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>Measures what two <c>[PersistentState]</c>s with the meter grain's state types (both still empty) add to an activation: what the meter grain paid for them until it read and wrote its rows directly.</summary>
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
