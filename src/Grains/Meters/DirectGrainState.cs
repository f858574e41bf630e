using Orleans.Storage;

namespace MeterGrains.Meters;

/// <summary>
/// Reads and writes a grain state straight through a grain storage provider, with the same state name, grain id and
/// ETag handling as <c>[PersistentState]</c>, so the rows are the same ones. What it leaves out is the per-activation
/// bridge object, its <see cref="GrainState{T}"/> and its lifecycle registrations (about 0.3 KiB per state and
/// activation); between calls the state lives in a <see cref="StoredState{T}"/> inside the grain, and the provider's
/// <see cref="GrainState{T}"/> exists only while it works.
/// </summary>
/// <remarks>
/// Errors reach the caller as <c>[PersistentState]</c> hands them out: an <see cref="OrleansException"/>
/// (<see cref="InconsistentStateException"/> among them) as thrown, anything else wrapped in one.
/// </remarks>
internal static class DirectGrainState
{
    /// <summary>Reads the state named <paramref name="stateName"/>; a state never written reads as a new <typeparamref name="T"/>.</summary>
    public static async Task<StoredState<T>> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId grainId)
        where T : class, new()
    {
        var holder = new GrainState<T>(new T());
        try
        {
            await storage.ReadStateAsync(stateName, grainId, holder);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            throw Failed(ex, stateName, grainId, "ReadStateAsync");
        }

        return new StoredState<T>(holder.State ?? new T(), holder.ETag, holder.RecordExists);
    }

    /// <summary>Writes <paramref name="state"/> and returns it with the ETag and existence the provider left.</summary>
    public static async Task<StoredState<T>> WriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, StoredState<T> state)
        where T : class
    {
        var holder = new GrainState<T>(state.State, state.ETag) { RecordExists = state.RecordExists };
        try
        {
            await storage.WriteStateAsync(stateName, grainId, holder);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            throw Failed(ex, stateName, grainId, "WriteStateAsync");
        }

        return state with { ETag = holder.ETag, RecordExists = holder.RecordExists };
    }

    private static OrleansException Failed(Exception ex, string stateName, GrainId grainId, string operation) =>
        new($"Error from storage provider {StorageNames.Postgres}.{stateName} during {operation} for grain {grainId}: {ex.Message}", ex);
}
