namespace MeterGrains.Imports;

/// <summary>The earliest and latest timestamp (UTC ticks) of each (sub-)meter in one store batch.</summary>
internal sealed class BatchRange
{
    private readonly Dictionary<string, (long First, long Last)> _meters = new(StringComparer.Ordinal);

    public void Add(string meterId, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        ref var range = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_meters, meterId, out var seen);
        range = seen ? (Math.Min(range.First, ticks), Math.Max(range.Last, ticks)) : (ticks, ticks);
    }

    /// <summary>Whether some meter has rows in both batches at times that interleave or touch.</summary>
    public bool Overlaps(BatchRange other)
    {
        var (small, large) = _meters.Count <= other._meters.Count ? (this, other) : (other, this);
        foreach (var (meter, (first, last)) in small._meters)
        {
            if (large._meters.TryGetValue(meter, out var theirs) && first <= theirs.Last && theirs.First <= last)
            {
                return true;
            }
        }

        return false;
    }
}
