using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MeterGrains.Bench;

/// <summary>
/// Runs the fleet simulator (src/Simulator) as its own process against a broker on loopback and reads its summary:
/// a QoS 1 publish counts once the broker acknowledged it (with MeterGrains: once its readings are stored).
/// </summary>
public static partial class SimulatorRun
{
    public sealed record Result(long MessagesAcked, long MessagesFailed, long Unanswered, long ReadingsSent, double Seconds, double CpuSeconds)
    {
        public double AckedMessagesPerSecond => MessagesAcked / Seconds;
    }

    public static async Task<Result> RunAsync(BenchSettings settings, int port, string prefix) =>
        await RunAsync(settings, port, prefix, settings.Seconds);

    /// <summary>An unmeasured run of <see cref="BenchSettings.Warmup"/> seconds with the same meters.</summary>
    public static async Task WarmUpAsync(BenchSettings settings, int port, string prefix)
    {
        if (settings.Warmup > 0)
        {
            await RunAsync(settings, port, prefix, settings.Warmup);
        }
    }

    private static async Task<Result> RunAsync(BenchSettings settings, int port, string prefix, int duration)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            settings.SimulatorDll, "--meters", settings.Meters.ToString(CultureInfo.InvariantCulture),
            "--rate", settings.Rate.ToString(CultureInfo.InvariantCulture), "--duration", duration.ToString(CultureInfo.InvariantCulture),
            "--batch", settings.Batch.ToString(CultureInfo.InvariantCulture), "--qos", "1",
            "--max-in-flight", settings.MaxInFlight.ToString(CultureInfo.InvariantCulture), "--anomalies", "0",
            "--connections", settings.Connections.ToString(CultureInfo.InvariantCulture),
            "--port", port.ToString(CultureInfo.InvariantCulture), "--prefix", prefix,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("the simulator did not start");
        var progress = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();

        // Its CPU time, sampled while it runs (a process that has exited can no longer be asked).
        var cpu = 0.0;
        while (!process.HasExited)
        {
            cpu = Math.Max(cpu, CpuSeconds.Of(process.Id));
            await Task.Delay(250);
        }

        await process.WaitForExitAsync();

        var summary = await output;
        var log = await progress;
        var messages = Messages().Match(summary);
        var seconds = Seconds().Match(summary);
        var readings = Readings().Match(summary);
        if (!messages.Success || !seconds.Success || !readings.Success)
        {
            throw new InvalidOperationException($"the simulator ended without a summary (exit {process.ExitCode}):\n{summary}\n{log}");
        }

        return new Result(
            long.Parse(messages.Groups["acked"].Value, CultureInfo.InvariantCulture),
            long.Parse(messages.Groups["failed"].Value, CultureInfo.InvariantCulture),
            long.Parse(messages.Groups["open"].Value, CultureInfo.InvariantCulture),
            long.Parse(readings.Groups["sent"].Value, CultureInfo.InvariantCulture),
            double.Parse(seconds.Groups["s"].Value, CultureInfo.InvariantCulture),
            cpu);
    }

    [GeneratedRegex(@"messages\s+\d+ sent, (?<acked>\d+) acked, (?<failed>\d+) failed, (?<open>\d+) unanswered")]
    private static partial Regex Messages();

    [GeneratedRegex(@"readings\s+(?<sent>\d+) sent")]
    private static partial Regex Readings();

    [GeneratedRegex(@"done after (?<s>[\d.]+) s")]
    private static partial Regex Seconds();
}
