using Orleans.Runtime;

namespace MeterGrains.Integration.Tests.Orleans;

[Alias("MeterGrains.Integration.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<int> GetAsync();

    [Alias("Increment")]
    Task<int> IncrementAsync();

    [Alias("GetETag")]
    Task<string?> GetETagAsync();

    [Alias("Clear")]
    Task ClearAsync();
}

/// <summary>The same counter on a storage provider configured with DeleteStateOnClear.</summary>
[Alias("MeterGrains.Integration.Tests.IDeleteOnClearCounterGrain")]
public interface IDeleteOnClearCounterGrain : ICounterGrain;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}

// The ADO.NET provider keys rows by state name and grain key, not grain type (dotnet/orleans#8746):
// every grain type needs its own state name, or two grain types with one key share a row.
public sealed class CounterGrain([PersistentState(CounterGrain.StateName, StorageNames.Postgres)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public const string StateName = "counter";

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string?> GetETagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();
}

public sealed class DeleteOnClearCounterGrain(
    [PersistentState(DeleteOnClearCounterGrain.StateName, DeleteOnClearCounterGrain.StorageName)] IPersistentState<CounterState> state)
    : Grain, IDeleteOnClearCounterGrain
{
    public const string StateName = "deleteonclearcounter";
    public const string StorageName = "postgres-delete-on-clear";

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string?> GetETagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();
}

[Alias("MeterGrains.Integration.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);

    [Alias("Unregister")]
    Task UnregisterAsync();

    /// <summary>UTC times at which the reminder fired, as persisted by the grain.</summary>
    [Alias("GetFirings")]
    Task<DateTime[]> GetFiringsAsync();
}

[GenerateSerializer]
public sealed class ReminderProbeState
{
    [Id(0)]
    public List<DateTime> Firings { get; set; } = [];
}

/// <summary>Persists every firing, so firings before and after a cluster restart can be told apart.</summary>
public sealed class ReminderProbeGrain([PersistentState("reminderprobe", StorageNames.Postgres)] IPersistentState<ReminderProbeState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task RegisterAsync(TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task UnregisterAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<DateTime[]> GetFiringsAsync() => Task.FromResult(state.State.Firings.ToArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Firings.Add(DateTime.UtcNow);
        await state.WriteStateAsync();
    }
}
