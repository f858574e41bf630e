using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by playwright-core through tests/Browser/driver.mjs: one page, one JSON command
/// per line on the driver's standard input and one answer per line on its standard output. Chromium is installed with
/// apt-get and playwright-core with npm ci when missing; no browser is ever downloaded.
/// </summary>
internal sealed class BrowserDriver : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();

    private BrowserDriver(Process process)
    {
        _process = process;
    }

    private static string DriverDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Browser");

    /// <summary>Installs what is missing and starts Chromium with a fresh profile.</summary>
    public static async Task<BrowserDriver> StartAsync()
    {
        await Installed.Value;
        var info = new ProcessStartInfo("node", [Path.Combine(DriverDirectory, "driver.mjs")])
        {
            WorkingDirectory = DriverDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var driver = new BrowserDriver(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                driver._errors.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            await driver.ReadAnswerAsync("start Chromium");
            return driver;
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    public Task GotoAsync(string url) => SendAsync(new { op = "goto", url });

    public Task FillAsync(string selector, string value) => SendAsync(new { op = "fill", selector, value });

    public Task ClickAsync(string selector) => SendAsync(new { op = "click", selector });

    /// <summary>Waits until some element matching <paramref name="selector"/> shows exactly <paramref name="text"/> (trimmed).</summary>
    public Task WaitForTextAsync(string selector, string text, TimeSpan timeout) =>
        SendAsync(new { op = "waitText", selector, text, timeoutMs = (int)timeout.TotalMilliseconds });

    public Task WaitForAttributeAsync(string selector, string name, string value, TimeSpan timeout) =>
        SendAsync(new { op = "waitAttribute", selector, name, value, timeoutMs = (int)timeout.TotalMilliseconds });

    /// <summary>Waits until a JavaScript expression, evaluated in the page, is truthy.</summary>
    public Task WaitForAsync(string expression, TimeSpan timeout) =>
        SendAsync(new { op = "waitFor", expression, timeoutMs = (int)timeout.TotalMilliseconds });

    public async Task<string[]> TextsAsync(string selector) =>
        (await SendAsync(new { op = "texts", selector })).Deserialize<string[]>() ?? [];

    public async Task<JsonElement> EvaluateAsync(string expression) => await SendAsync(new { op = "evaluate", expression });

    /// <summary>A full-page PNG at <paramref name="path"/> (its folder is created).</summary>
    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await SendAsync(new { op = "screenshot", path });
    }

    /// <summary>The page's uncaught errors and console errors so far.</summary>
    public async Task<string[]> ProblemsAsync() => (await SendAsync(new { op = "problems" })).Deserialize<string[]>() ?? [];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("""{"op":"close"}""");
                await _process.StandardInput.FlushAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task InstallAsync()
    {
        await ExternalCommand.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "web-tools.sh"), "node", "chromium"], TimeSpan.FromMinutes(10));
        if (!File.Exists(Path.Combine(DriverDirectory, "node_modules", "playwright-core", "package.json")))
        {
            await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", DriverDirectory], TimeSpan.FromMinutes(5));
        }
    }

    private async Task<JsonElement> SendAsync(object command)
    {
        var line = JsonSerializer.Serialize(command);
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        return await ReadAnswerAsync(line);
    }

    private async Task<JsonElement> ReadAnswerAsync(string what)
    {
        using var cts = new CancellationTokenSource(CommandTimeout);
        string? answer;
        try
        {
            answer = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The browser driver did not answer {what} within {CommandTimeout.TotalSeconds:0} s.{Stderr()}");
        }

        if (answer is null)
        {
            throw new InvalidOperationException($"The browser driver ended before answering {what}.{Stderr()}");
        }

        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"The browser could not {what}: {root.GetProperty("error").GetString()}");
        }

        return root.GetProperty("value").Clone();
    }

    private string Stderr() => _errors.IsEmpty ? string.Empty : $"{Environment.NewLine}{string.Join(Environment.NewLine, _errors.TakeLast(40))}";
}
