using Orleans.Storage;

namespace MeterGrains.Meters;

/// <summary>
/// Reads and writes a grain state straight through a grain storage provider, with the same state name, grain id and
/// ETag handling as <c>[PersistentState]</c>, so the rows are the same ones. What it leaves out is the per-activation
/// bridge object and its lifecycle registrations (about 0.2 KiB per state and activation).
/// </summary>
/// <remarks>
/// Errors reach the caller as <c>[PersistentState]</c> hands them out: an <see cref="OrleansException"/>
/// (<see cref="InconsistentStateException"/> among them) as thrown, anything else wrapped in one.
/// </remarks>
internal static class DirectGrainState
{
    /// <summary>Reads the state named <paramref name="stateName"/>; a state never written reads as a new <typeparamref name="T"/>.</summary>
    public static async Task<GrainState<T>> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId grainId)
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

        holder.State ??= new T();
        return holder;
    }

    /// <summary>Writes <paramref name="holder"/>'s state; its ETag moves on as the provider sets it.</summary>
    public static async Task WriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, GrainState<T> holder)
    {
        try
        {
            await storage.WriteStateAsync(stateName, grainId, holder);
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            throw Failed(ex, stateName, grainId, "WriteStateAsync");
        }
    }

    private static OrleansException Failed(Exception ex, string stateName, GrainId grainId, string operation) =>
        new($"Error from storage provider {StorageNames.Postgres}.{stateName} during {operation} for grain {grainId}: {ex.Message}", ex);
}
