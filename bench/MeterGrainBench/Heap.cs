using System.Runtime;

namespace MeterGrains.Bench;

/// <summary>Live managed heap after full, compacting collections (large object heap included).</summary>
internal static class Heap
{
    public static long LiveBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Bytes that each of <paramref name="copies"/> objects made by <paramref name="make"/> keeps alive.</summary>
    public static double RetainedPerCopy(int copies, Func<int, object> make)
    {
        var keep = new object[copies];
        var before = LiveBytes();
        for (var i = 0; i < copies; i++)
        {
            keep[i] = make(i);
        }

        var after = LiveBytes();
        GC.KeepAlive(keep);
        return (double)(after - before) / copies;
    }
}
