using System.Diagnostics;
using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>
/// A CPU profile of the silo under load with Linux <c>perf</c> (sampling the CPU, kernel and runtime included; JIT frames
/// named through the perf map the silo writes with <c>DOTNET_PerfMapEnabled=1</c>), summed into pipeline stages.
/// </summary>
/// <remarks>
/// A sample belongs to the first stage in <see cref="Stages"/> that has a frame on its stack, so work a stage does
/// through a library (Npgsql under the reading store, System.Text.Json under the decoder) counts for the stage;
/// garbage collection counts for itself, since server GC collects on threads of its own.
/// </remarks>
public static class PerfProfile
{
    /// <summary>Stage name and the frame fragments that mark it, in order of precedence.</summary>
    private static readonly (string Stage, string[] Marks)[] Stages =
    [
        ("garbage collection", ["gc_heap::", "GCHeap::", "WKS::", "SVR::"]),
        ("decoding (generic JSON)", ["MeterGrains.Gateway.Decoding."]),
        ("meter domain (MeterAccumulator, buckets)", ["MeterGrains.Domain."]),
        ("reading store (COPY batches, Npgsql)", ["MeterGrains.Storage.PostgresReadingStore"]),
        ("grain state storage (ADO.NET)", ["Orleans.Storage.AdoNet", "Orleans.Persistence.AdoNet", "Orleans.Storage."]),
        ("meter grain (rest)", ["MeterGrains.Meters.", "MeterGrains.Alerts.", "MeterGrains.Live."]),
        ("Orleans grain call (messaging, serializer, scheduler)", ["Orleans."]),
        ("ingest lanes and delivery", ["MeterGrains.Gateway.Ingest."]),
        ("MQTT broker (MQTTnet, access control)", ["MQTTnet.", "MeterGrains.Gateway.Mqtt."]),
        ("Npgsql (other)", ["Npgsql."]),
        ("ASP.NET Core, SignalR", ["Microsoft.AspNetCore."]),
        ("sockets, thread pool, other .NET", ["System."]),
        ("kernel, no managed frame", ["[kernel.kallsyms]"]),
    ];

    /// <summary>Whether <c>perf</c> is installed and may sample other processes.</summary>
    public static bool Available => File.Exists("/usr/bin/perf");

    /// <summary>Samples <paramref name="pid"/> for <paramref name="seconds"/> and writes the stages and the hottest frames.</summary>
    public static async Task<string> RecordAsync(int pid, int seconds)
    {
        var data = Path.Combine(Path.GetTempPath(), $"ingest-bench-{pid}.perf");
        await RunAsync("perf", ["record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture)]);
        var script = await RunAsync("perf", ["script", "-i", data, "-F", "comm,tid,ip,sym,dso"]);
        File.Delete(data);
        var kept = Path.ChangeExtension(data, ".txt");
        await File.WriteAllTextAsync(kept, script);
        return Summarize(script) + $"\n(perf script output: {kept})";
    }

    /// <summary>The stage table and the 15 hottest leaf frames of <c>perf script</c> output.</summary>
    public static string Summarize(string script)
    {
        var stages = new Dictionary<string, int>(StringComparer.Ordinal);
        var leaves = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var sample in script.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var sampleLines = sample.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var frames = sampleLines.Skip(1).Select(static f => f.Trim()).ToList();
            if (frames.Count == 0)
            {
                continue;
            }

            total++;
            // The thread's name comes first; server GC runs on threads of its own (libcoreclr has no symbols here).
            var stage = sampleLines[0].Contains(" GC", StringComparison.Ordinal) || sampleLines[0].Contains(".NET BGC", StringComparison.Ordinal)
                ? Stages[0].Stage
                : Stages.FirstOrDefault(s => frames.Any(f => s.Marks.Any(m => f.Contains(m, StringComparison.Ordinal)))).Stage ?? "other native (runtime, libc)";
            stages[stage] = stages.GetValueOrDefault(stage) + 1;
            var leaf = Symbol(frames[0]);
            leaves[leaf] = leaves.GetValueOrDefault(leaf) + 1;
        }

        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"silo CPU profile: {total:N0} samples at 499 Hz; share of the silo's CPU by stage:") };
        lines.AddRange(stages.OrderByDescending(static s => s.Value)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"  {(double)s.Value / total,6:P1}  {s.Key}")));
        lines.Add("hottest functions (self):");
        lines.AddRange(leaves.OrderByDescending(static s => s.Value).Take(15)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"  {(double)s.Value / total,6:P1}  {s.Key}")));
        return string.Join('\n', lines);
    }

    // "7f3a… Namespace.Type::Method(args)+0x1f (/tmp/perf-123.map)" → "Namespace.Type::Method (perf-123.map)"
    private static string Symbol(string frame)
    {
        var parts = frame.Split(' ', 2);
        var rest = parts.Length > 1 ? parts[1] : frame;
        var dso = rest.LastIndexOf(" (", StringComparison.Ordinal);
        var symbol = dso > 0 ? rest[..dso] : rest;
        var plus = symbol.LastIndexOf('+');
        symbol = plus > 0 ? symbol[..plus] : symbol;
        var module = dso > 0 ? Path.GetFileName(rest[(dso + 2)..].TrimEnd(')')) : "";
        return symbol.Length > 110 ? $"{symbol[..110]}… ({module})" : $"{symbol} ({module})";
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output;
    }
}
