using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MeterGrains.Domain;

namespace MeterGrains.Bench;

/// <summary>
/// Where a filled meter's bytes go, outside Orleans: the retained size of many copies of the domain state
/// (a <see cref="MeterAccumulator"/> fed the same stream as the grains), then of each of its parts alone.
/// </summary>
internal static class DomainBreakdown
{
    public static void Print(int copies, int readingsPerMeter, int batch, DateTimeOffset start)
    {
        var rules = new MeterRules(); // the defaults equal MeterOptions' defaults, as the grain maps them
        var receivedAt = DateTimeOffset.UtcNow;
        MeterAccumulator Fill(int meter)
        {
            var accumulator = new MeterAccumulator(new MeterSnapshot(), rules);
            var readings = ShellyStream.For(meter, start, readingsPerMeter);
            for (var i = 0; i < readings.Length; i++)
            {
                accumulator.Apply(readings[i], receivedAt);
                if ((i + 1) % batch == 0 || i == readings.Length - 1)
                {
                    accumulator.TakeClosedBuckets(); // as the grain does after each call
                }
            }

            return accumulator;
        }

        var filled = Heap.RetainedPerCopy(copies, Fill);
        var fresh = Heap.RetainedPerCopy(copies, _ => new MeterAccumulator(new MeterSnapshot(), rules));

        var sample = Fill(1);
        var snapshot = sample.Snapshot;
        var window = sample.RecentReadings;
        var encoded = snapshot.RecentReadings ?? [];
        var buckets = snapshot.OpenBuckets;
        var encodedBytes = Heap.RetainedPerCopy(copies, _ => encoded.Clone());
        var bucketList = Heap.RetainedPerCopy(copies, _ => buckets.Select(_ => new OpenBucket()).ToArray());
        var emptySnapshot = Heap.RetainedPerCopy(copies, _ => new MeterSnapshot());

        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var serializeWatch = Stopwatch.StartNew();
        const int serializations = 5_000;
        for (var i = 0; i < serializations; i++)
        {
            JsonSerializer.SerializeToUtf8Bytes(snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        serializeWatch.Stop();

        // One more reading at a time on the filled sample: what the domain alone costs per reading in the steady state.
        const int more = 2_000;
        var next = ShellyStream.For(1, start, readingsPerMeter + more);
        var micros = new double[more];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < more; i++)
        {
            var reading = next[readingsPerMeter + i];
            var started = Stopwatch.GetTimestamp();
            sample.Apply(reading, reading.Timestamp); // received as measured: these run ahead of the wall clock
            sample.TakeClosedBuckets();
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var allocatedPerApply = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / more;

        Console.WriteLine($"domain state alone ({copies:N0} copies of MeterAccumulator + MeterSnapshot, no Orleans):");
        Console.WriteLine($"  filled, {readingsPerMeter} readings:                {filled,8:N0} B per meter");
        Console.WriteLine($"  fresh, no reading:                   {fresh,8:N0} B");
        Console.WriteLine($"  of the filled state:");
        Console.WriteLine($"    reorder window, packed byte[]:      {encodedBytes,8:N0} B  ({window.Count} readings, {(double)encoded.Length / window.Count:F1} B each; unpacked {Unsafe.SizeOf<RecentReading>()} B each)");
        Console.WriteLine($"    OpenBuckets array and buckets:      {bucketList,8:N0} B  ({buckets.Length} buckets)");
        Console.WriteLine($"    MeterSnapshot and RegisterSnapshots:{emptySnapshot,8:N0} B");
        Console.WriteLine($"    the rest (accumulator, ledger):     {filled - encodedBytes - bucketList - emptySnapshot,8:N0} B");
        Console.WriteLine($"  one more reading (Apply + TakeClosedBuckets): {micros.Order().ElementAt(more / 2):F1} µs (median), {allocatedPerApply:N0} B allocated");
        Console.WriteLine($"  persisted snapshot of this meter:    {json.Length,8:N0} B JSON, serialized in {serializeWatch.Elapsed.TotalMicroseconds / serializations:F1} µs");
        Console.WriteLine();
    }
}
