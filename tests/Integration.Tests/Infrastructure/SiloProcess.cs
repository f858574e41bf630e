using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A real silo process (the built MeterGrains.Silo.dll) on free loopback ports, for tests that need
/// the system exactly as it runs: real TCP for MQTT and HTTP, a real process to stop or kill.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>A fixed AES-256 key for tests (32 bytes of 0x2A).</summary>
    public const string TestPersonalDataKey = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

    /// <summary>The secret of processing apps' pseudonyms (<c>Privacy:PseudonymSecret</c>).</summary>
    public const string TestPseudonymSecret = "test-pseudonym-secret-0123456789abcdef";

    /// <summary>The operator's API key; <see cref="Http"/> sends it with every request.</summary>
    public const string OperatorApiKey = "test-operator-key-0123456789abcdef";

    /// <summary>A resident's API key, for household <see cref="ResidentHouseholdId"/>.</summary>
    public const string ResidentApiKey = "test-resident-key-0123456789abcdef";

    /// <summary>A processing app's API key.</summary>
    public const string ProcessorApiKey = "test-processor-key-0123456789abcdef";

    public const string ResidentHouseholdId = "resident-home";

    /// <summary>The HS256 key of bearer tokens (base64 of the 32 bytes 0x00..0x1F); <c>scripts/mint-token.sh</c> signs with it too.</summary>
    public const string TestJwtSigningKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, SiloPorts ports)
    {
        _process = process;
        Ports = ports;
        Http = CreateClient(OperatorApiKey);
    }

    public SiloPorts Ports { get; }

    /// <summary>A client that calls as the operator.</summary>
    public HttpClient Http { get; }

    /// <summary>A client of its own that sends <paramref name="apiKey"/> (or no key when null); the caller disposes it.</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Ports.Http}"), Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts a silo and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(
        string connectionString, string clusterId, SiloPorts? ports = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = Launch(connectionString, clusterId, ports ?? SiloPorts.Allocate(), settings);
        try
        {
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(60));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a silo without waiting, for tests of start-up failures.</summary>
    public static SiloProcess Launch(
        string? connectionString, string clusterId, SiloPorts ports, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(RepositoryPaths.SiloDirectory, "MeterGrains.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The silo is not built: {dll} is missing (run ./test.sh, or dotnet build).");
        }

        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = RepositoryPaths.SiloDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ConnectionStrings__Postgres"] = connectionString ?? string.Empty;
        env["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{ports.Http}";
        env["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports.Grpc}";
        env["Mqtt__Port"] = ports.Mqtt.ToString();
        env["Orleans__SiloPort"] = ports.Silo.ToString();
        env["Orleans__GatewayPort"] = ports.Gateway.ToString();
        env["Orleans__ClusterId"] = clusterId;
        env["Orleans__ServiceId"] = clusterId;
        env["Logging__LogLevel__Default"] = "Warning";
        env["Privacy__PersonalDataKey"] = TestPersonalDataKey;
        env["Privacy__PseudonymSecret"] = TestPseudonymSecret;
        env["Auth__ApiKeys__0__Name"] = "test-operator";
        env["Auth__ApiKeys__0__Key"] = OperatorApiKey;
        env["Auth__ApiKeys__0__Role"] = "operator";
        env["Auth__ApiKeys__1__Name"] = "test-resident";
        env["Auth__ApiKeys__1__Key"] = ResidentApiKey;
        env["Auth__ApiKeys__1__Role"] = "resident";
        env["Auth__ApiKeys__1__HouseholdId"] = ResidentHouseholdId;
        env["Auth__ApiKeys__2__Name"] = "test-processor";
        env["Auth__ApiKeys__2__Key"] = ProcessorApiKey;
        env["Auth__ApiKeys__2__Role"] = "processor";
        env["Auth__Jwt__SigningKey"] = TestJwtSigningKey;
        // Tests poll and post quickly from one address; the rate-limit tests set small limits of their own.
        env["RateLimits__PerCaller__PermitsPerSecond"] = "1000";
        env["RateLimits__PerCaller__Burst"] = "5000";
        env["RateLimits__PerIp__PermitsPerSecond"] = "1000";
        env["RateLimits__PerIp__Burst"] = "5000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process, ports);
        process.OutputDataReceived += (_, e) => silo.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} during start-up:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The silo was not ready within {timeout.TotalSeconds:0}s:\n{Output}");
    }

    /// <summary>Waits until the process exits on its own (for start-up failures).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Asks the silo to shut down gracefully (SIGTERM) and waits for it.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        Signal("TERM");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(45));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Kills the silo with SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task<T?> GetJsonAsync<T>(string path) => await Http.GetFromJsonAsync<T>(path);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }

        Http.Dispose();
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString()]) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}

/// <summary>The loopback ports one silo listens on.</summary>
internal sealed record SiloPorts(int Http, int Grpc, int Mqtt, int Silo, int Gateway)
{
    public static SiloPorts Allocate()
    {
        var p = FreePorts.Take(5);
        return new SiloPorts(p[0], p[1], p[2], p[3], p[4]);
    }
}
