// Bytes per active meter grain (state included) and the cost of one single-reading ingest call, each against an
// Orleans baseline measured in the same run: a grain with no state that does nothing.
// Usage: dotnet bench/MeterGrainBench/bin/Release/net10.0/MeterGrainBench.dll [--meters 100000] [--baseline-meters <meters>] [--minutes 20] [--batch 6] [--calls 20000]
using System.Diagnostics;
using System.Runtime.InteropServices;
using MeterGrains.Bench;
using MeterGrains.Meters;
using Microsoft.Extensions.DependencyInjection;

var options = BenchOptions.Parse(args);
var readingsPerMeter = (int)(TimeSpan.FromMinutes(options.Minutes) / ShellyStream.Interval);
var start = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(options.Minutes + 1);

Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, GC server={System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine($"{options.Meters:N0} meters × {readingsPerMeter} readings ({options.Minutes} min at 10 s), {options.Batch} per call while filling; baseline and probes: {options.BaselineMeters:N0} grains each");

// First, on a quiet heap before the silo starts: the domain state alone, part by part.
DomainBreakdown.Print(Math.Min(options.Meters, 20_000), readingsPerMeter, options.Batch, start);

var storage = new DiscardingGrainStorage();
using var host = await BenchSilo.StartAsync(storage, readingsPerMeter);
var grains = host.Services.GetRequiredService<IGrainFactory>();

// Warm-up: JIT every path and let the silo's tables take their first growth steps.
await ForEachMeter(1_000, i => grains.GetGrain<IBaselineGrain>($"warmup-{i}").IngestAsync([]).AsTask());
await ForEachMeter(1_000, i => Fill(grains.GetGrain<IMeterGrain>($"warmup-{i}"), i));

// Each phase activates (or fills) the same number of grains; the live-heap growth over it, per grain, is its cost.
var baseline = await PerGrain(options.BaselineMeters, i => grains.GetGrain<IBaselineGrain>(MeterId(i)).IngestAsync([]).AsTask());
var timer = await PerGrain(options.BaselineMeters, i => grains.GetGrain<ITimerProbeGrain>(MeterId(i)).IngestAsync([]).AsTask());
var states = await PerGrain(options.BaselineMeters, i => grains.GetGrain<IStateProbeGrain>(MeterId(i)).IngestAsync([]).AsTask());
var emptyMeter = await PerGrain(options.Meters, i => grains.GetGrain<IMeterGrain>(MeterId(i)).GetStateAsync().AsTask());
storage.ResetCounts();
var fillWatch = Stopwatch.StartNew();
var readingsState = await PerGrain(options.Meters, i => Fill(grains.GetGrain<IMeterGrain>(MeterId(i)), i));
fillWatch.Stop();
var (writes, snapshotBytes, maxSnapshotBytes) = (storage.Writes, storage.Bytes, storage.MaxBytes);

var check = await grains.GetGrain<IMeterGrain>(MeterId(options.Meters - 1)).GetStateAsync();
if (check.ReadingsAccepted != readingsPerMeter || writes != options.Meters)
{
    throw new InvalidOperationException($"expected {readingsPerMeter} readings and {options.Meters} snapshot writes, got {check.ReadingsAccepted} and {writes}");
}

var filledMeter = emptyMeter + readingsState;
Console.WriteLine();
Console.WriteLine("managed heap per active grain (live bytes after full compacting GCs, divided by the number of grains):");
Console.WriteLine($"  baseline grain (no state, no fields):  {baseline,8:N0} B");
Console.WriteLine($"  meter grain, {readingsPerMeter} readings (steady):    {filledMeter,8:N0} B  ({filledMeter / baseline:F2} × baseline; goal 4,096 B: {filledMeter / 4096:P0})");
Console.WriteLine($"    the activation, no reading yet:      {emptyMeter,8:N0} B  ({emptyMeter / baseline:F2} × baseline)");
Console.WriteLine($"    what the readings add:               {readingsState,8:N0} B");
Console.WriteLine($"  probes, each on top of the baseline:");
Console.WriteLine($"    one grain timer:                     {timer - baseline,8:N0} B");
Console.WriteLine($"    two [PersistentState]s, empty:       {states - baseline,8:N0} B  (what the meter grain paid until it read and wrote its states directly)");
Console.WriteLine($"  a 24 GiB heap holds {24.0 * 1024 * 1024 * 1024 / filledMeter / 1e6:F1} million such meters (no other load)");
Console.WriteLine($"persisted snapshot (System.Text.Json, web defaults): {(double)snapshotBytes / writes:N0} B mean, {maxSnapshotBytes:N0} B max over {writes:N0} meters");
Console.WriteLine($"fill: {(long)options.Meters * readingsPerMeter / fillWatch.Elapsed.TotalSeconds:N0} readings/s ({fillWatch.Elapsed.TotalSeconds:F1} s, {options.Batch} per call, {Parallelism} calls in flight)");

// Ingest cost: one meter, one reading per call, each call awaited before the next (a grain runs one call at a time).
var ingestStart = DateTimeOffset.UtcNow - ((BenchOptions.Warmup + options.Calls) * ShellyStream.Interval) - TimeSpan.FromMinutes(1);
var stream = ShellyStream.For(1, ingestStart, BenchOptions.Warmup + options.Calls);
var meter = grains.GetGrain<IMeterGrain>("ingest-meter");
var noop = grains.GetGrain<IBaselineGrain>("ingest-baseline");
await TimeCalls(0, BenchOptions.Warmup, i => noop.IngestAsync([stream[i]]));
await TimeCalls(0, BenchOptions.Warmup, i => meter.IngestAsync([stream[i]]));
var baselineCalls = await TimeCalls(BenchOptions.Warmup, options.Calls, i => noop.IngestAsync([stream[i]]));
var meterCalls = await TimeCalls(BenchOptions.Warmup, options.Calls, i => meter.IngestAsync([stream[i]]));
var accepted = (await meter.GetStateAsync()).ReadingsAccepted;
if (accepted != BenchOptions.Warmup + options.Calls)
{
    throw new InvalidOperationException($"the timed meter accepted {accepted} readings, expected {BenchOptions.Warmup + options.Calls}");
}

Console.WriteLine();
Console.WriteLine($"single-meter ingest, one reading per call, {options.Calls:N0} calls awaited one after the other (after {BenchOptions.Warmup:N0} warm-up calls):");
Console.WriteLine("                  mean µs    p50 µs    p90 µs    p99 µs   calls/s   allocated B/call");
Console.WriteLine($"  baseline grain {baselineCalls}");
Console.WriteLine($"  meter grain    {meterCalls}");
Console.WriteLine($"  meter / baseline: {meterCalls.MeanMicroseconds / baselineCalls.MeanMicroseconds:F2} × mean, {meterCalls.Percentile(0.5) / baselineCalls.Percentile(0.5):F2} × p50, {meterCalls.Percentile(0.99) / baselineCalls.Percentile(0.99):F2} × p99");

await host.StopAsync();

async Task<double> PerGrain(int count, Func<int, Task> call)
{
    var before = Heap.LiveBytes();
    await ForEachMeter(count, call);
    return (double)(Heap.LiveBytes() - before) / count;
}

static string MeterId(int i) => $"shellypro3em-{i:x12}";

async Task Fill(IMeterGrain grain, int meter)
{
    var readings = ShellyStream.For(meter, start, readingsPerMeter);
    for (var offset = 0; offset < readings.Length; offset += options.Batch)
    {
        var batch = new ArraySegment<MeterReading>(readings, offset, Math.Min(options.Batch, readings.Length - offset)).ToArray();
        var result = await grain.IngestAsync(batch);
        if (result.Accepted != batch.Length)
        {
            throw new InvalidOperationException($"meter {meter}: {batch.Length - result.Accepted} readings refused: {result.Rejected.FirstOrDefault()?.Reason}");
        }
    }
}

static async Task ForEachMeter(int count, Func<int, Task> call)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            await call(i);
        }
    }));
}

static async Task<CallTimes> TimeCalls<T>(int first, int count, Func<int, ValueTask<T>> call)
{
    var micros = new double[count];
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call(first + i);
        micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
    }

    watch.Stop();
    return new CallTimes(micros, watch.Elapsed, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count);
}

internal static partial class Program
{
    private const int Parallelism = 64;
}
