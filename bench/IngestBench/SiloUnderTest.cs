using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MeterGrains.Bench;

/// <summary>
/// One MeterGrains silo with every role, started from its Release build as its own process (as <c>./run.sh</c> does),
/// on free loopback ports, with device authentication off (Development) and QoS 1 acknowledged after storage (the default).
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloUnderTest(Process process, int httpPort, int mqttPort)
    {
        _process = process;
        MqttPort = mqttPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public int MqttPort { get; }

    public int HttpPort => Http.BaseAddress!.Port;

    public int ProcessId => _process.Id;

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>How long the process took from its start until <c>/health/ready</c> answered 200.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The loopback ports of one silo; a restarted silo takes its predecessor's, as on the same host.</summary>
    public sealed record Ports(int Http, int Grpc, int Mqtt, int Silo, int Gateway)
    {
        public static Ports Free() => new(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
    }

    /// <summary>The ports this silo listens on.</summary>
    public Ports Listening { get; private init; } = null!;

    /// <summary>Starts the silo; <paramref name="environment"/> adds or overrides configuration (e.g. <c>Live__MaxUpdatesPerSecond</c>).</summary>
    public static async Task<SiloUnderTest> StartAsync(
        BenchSettings settings, string connectionString, IReadOnlyDictionary<string, string>? environment = null, Ports? ports = null)
    {
        if (!File.Exists(settings.SiloDll))
        {
            throw new InvalidOperationException($"The silo is not built: {settings.SiloDll} (dotnet build -c Release src/Silo).");
        }

        ports ??= Ports.Free();
        var (http, grpc, mqtt, silo, gateway) = (ports.Http, ports.Grpc, ports.Mqtt, ports.Silo, ports.Gateway);
        var info = new ProcessStartInfo("dotnet", [settings.SiloDll])
        {
            WorkingDirectory = Path.GetDirectoryName(settings.SiloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ConnectionStrings__Postgres"] = connectionString;
        env["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}";
        env["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        env["Mqtt__Port"] = mqtt.ToString(CultureInfo.InvariantCulture);
        env["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        env["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        env["Orleans__ClusterId"] = $"bench-{Environment.ProcessId}";
        env["Orleans__ServiceId"] = $"bench-{Environment.ProcessId}";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Privacy__PersonalDataKey"] = Convert.ToBase64String(new byte[32]);
        env["Privacy__PseudonymSecret"] = "bench-pseudonym-secret-0123456789abcdef";
        env["Auth__ApiKeys__0__Name"] = "bench-operator";
        env["Auth__ApiKeys__0__Key"] = OperatorKey;
        env["Auth__ApiKeys__0__Role"] = "operator";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var siloUnderTest = new SiloUnderTest(process, http, mqtt) { Listening = ports };
        siloUnderTest.Http.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        process.OutputDataReceived += (_, e) => siloUnderTest.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => siloUnderTest.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await siloUnderTest.WaitReadyAsync(TimeSpan.FromSeconds(90));
        siloUnderTest.StartedIn = Stopwatch.GetElapsedTime(started);
        return siloUnderTest;
    }

    /// <summary>SIGKILL: the process ends at once, with no snapshot written and nothing flushed (a crash).</summary>
    public async Task KillAsync()
    {
        Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
        await _process.WaitForExitAsync();
    }

    /// <summary>The operator key the bench gives its silo.</summary>
    public const string OperatorKey = "bench-operator-key-0123456789abcdef";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: a graceful stop, snapshots written, as Ctrl-C in run.sh.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Http.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new TimeoutException($"The silo was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
