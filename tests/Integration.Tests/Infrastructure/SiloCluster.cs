namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// Several <see cref="SiloProcess"/>es forming one Orleans cluster through the PostgreSQL membership table. Each silo
/// keeps its ports for the life of the cluster, so a silo started again after a kill or a stop is reached where it
/// was, as a restarted process on the same host (or a pod with a stable address) is.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    // Three silos starting at once on a busy 2-core machine take longer than one.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly string _database;
    private readonly string _clusterId;
    private readonly Func<int, IReadOnlyDictionary<string, string>> _settingsOf;
    private readonly SiloProcess?[] _silos;
    private readonly SiloPorts[] _ports;

    private SiloCluster(string database, string clusterId, int size, Func<int, IReadOnlyDictionary<string, string>> settingsOf)
    {
        _database = database;
        _clusterId = clusterId;
        _settingsOf = settingsOf;
        _silos = new SiloProcess?[size];
        _ports = [.. Enumerable.Range(0, size).Select(_ => SiloPorts.Allocate())];
    }

    /// <summary>Silo <paramref name="index"/> as it runs now (throws while it is down).</summary>
    public SiloProcess this[int index] => _silos[index] ?? throw new InvalidOperationException($"silo {index} is not running");

    public int Count => _silos.Length;

    public IReadOnlyList<SiloPorts> Ports => _ports;

    /// <summary>Starts <paramref name="size"/> silos at once and waits until every one is ready.</summary>
    public static async Task<SiloCluster> StartAsync(
        string database, string clusterId, int size, Func<int, IReadOnlyDictionary<string, string>> settingsOf)
    {
        var cluster = new SiloCluster(database, clusterId, size, settingsOf);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, size).Select(cluster.StartAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silo <paramref name="index"/> (again) on its ports and waits until it is ready.</summary>
    public async Task<SiloProcess> StartAsync(int index)
    {
        if (_silos[index] is { HasExited: false })
        {
            throw new InvalidOperationException($"silo {index} is running");
        }

        if (_silos[index] is { } old)
        {
            await old.DisposeAsync();
        }

        // Launched and tracked before it is ready, so that a silo slow to start is still disposed with the cluster.
        var silo = _silos[index] = SiloProcess.Launch(_database, _clusterId, _ports[index], _settingsOf(index));
        await silo.WaitReadyAsync(ReadyTimeout);
        return silo;
    }

    /// <summary>What each silo wrote last, for failure messages.</summary>
    public string Outputs =>
        string.Join("\n", _silos.Select((s, i) => $"--- silo {i}{(s is { HasExited: true } ? $" (exited with {s.ExitCode})" : string.Empty)}:\n{s?.Output}"));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.OfType<SiloProcess>().Select(s => s.DisposeAsync().AsTask()));
    }
}
