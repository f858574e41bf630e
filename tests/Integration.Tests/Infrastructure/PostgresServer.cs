using System.Diagnostics;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the integration tests run against: the one named by
/// <c>METERGRAINS_TEST_POSTGRES</c> (./test.sh sets it), or else a throw-away cluster started
/// with scripts/postgres.sh on a free port and stopped when the test process exits.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "METERGRAINS_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(StartOrReuseAsync);

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    private static async Task<string> StartOrReuseAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"Set {EnvironmentVariable}: scripts/postgres.sh starts PostgreSQL on Debian/Linux only.");
        }

        var script = Path.Combine(FindRepositoryRoot(), "scripts", "postgres.sh");
        var root = Directory.CreateTempSubdirectory("metergrains-pg-");
        // The server runs as the postgres user when we are root; it must be able to enter this directory.
        File.SetUnixFileMode(root.FullName,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var dataDir = Path.Combine(root.FullName, "data");
        var port = FindFreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, dataDir, root.FullName);
        // Five minutes covers a first-time apt-get install of PostgreSQL.
        await RunAsync(script, ["start", dataDir, port], TimeSpan.FromMinutes(5));
        return (await RunAsync(script, ["url", port], TimeSpan.FromSeconds(10))).Trim();
    }

    private static void Stop(string script, string dataDir, string root)
    {
        // The test platform tears the test host down soon after ProcessExit: stop and clean up from
        // a separate session (setsid) with no inherited pipes, so neither a kill nor SIGPIPE cuts it short.
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "--wait", "bash", "-c", "\"$0\" stop \"$1\" >/dev/null 2>&1 && rm -rf \"$2\"", script, dataDir, root })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo);
        if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL in {dataDir}; stop it with: {script} stop {dataDir}");
        }
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MeterGrains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MeterGrains.sln not found in {AppContext.BaseDirectory} or any parent directory.");
    }

    private static int FindFreePort() => FreePorts.Take(1)[0];

    private static Task<string> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        ExternalCommand.RunAsync("bash", [script, .. arguments], timeout);
}
