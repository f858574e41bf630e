namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto broker on a free loopback port, started with scripts/mosquitto.sh (which installs Debian's
/// mosquitto when it is missing) in a private, persistent data directory; stopped and removed on dispose.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly DirectoryInfo _root;
    private readonly string _dataDir;

    private MosquittoBroker(DirectoryInfo root, int port)
    {
        _root = root;
        _dataDir = Path.Combine(root.FullName, "data");
        Port = port;
    }

    public int Port { get; }

    private static string Script => Path.Combine(RepositoryPaths.Root, "scripts", "mosquitto.sh");

    public static async Task<MosquittoBroker> StartAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("scripts/mosquitto.sh starts Mosquitto on Debian/Linux only.");
        }

        var root = Directory.CreateTempSubdirectory("metergrains-mosquitto-");
        // Mosquitto runs as the mosquitto user when we are root; it must be able to enter this directory.
        File.SetUnixFileMode(root.FullName,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var broker = new MosquittoBroker(root, FreePorts.Take(1)[0]);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port and data: persistent sessions and their queued messages survive.</summary>
    // Five minutes covers a first-time apt-get install of mosquitto.
    public Task StartAgainAsync() => RunAsync(["start", _dataDir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));

    public Task StopAsync() => RunAsync(["stop", _dataDir], TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    private static Task RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        ExternalCommand.RunAsync("bash", [Script, .. arguments], timeout);
}
