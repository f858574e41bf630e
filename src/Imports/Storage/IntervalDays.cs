using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Storage;

/// <summary>
/// Interval energy rows grouped as <c>interval_energy_days</c> holds them (migration 0018): one entry per (sub-)meter and
/// UTC day, in (meter id ordinal, day) order, with its intervals' starts as microseconds after the day's start, ascending,
/// and their energy. An interval given twice keeps its first copy, as a stored interval does.
/// </summary>
/// <param name="MeterIds">Each entry's meter id.</param>
/// <param name="DayStarts">Each entry's UTC day start.</param>
/// <param name="Offsets">Every entry's offsets, concatenated.</param>
/// <param name="Bounds">Entry i owns elements <c>Bounds[i]</c> to <c>Bounds[i + 1] - 1</c> of the offsets and energy.</param>
/// <param name="EnergyWh">Every entry's energy, concatenated, in the offsets' order.</param>
internal sealed record IntervalDays(string[] MeterIds, DateTime[] DayStarts, long[] Offsets, int[] Bounds, double[] EnergyWh)
{
    private const long MicrosecondsPerDay = TimeSpan.TicksPerDay / TimeSpan.TicksPerMicrosecond;

    public static IntervalDays Group(IReadOnlyList<EnergyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // Rows go into one segment per meter (the meters in ordinal order, the rows of each in file order), and only a
        // segment whose times are out of order is sorted, by time alone: an import has a handful of channels, and its
        // rows are usually in time order already, so this costs one pass where a sort of all rows by (meter, time)
        // cost several times the database's share of the import. The parser gives every row of a channel the same
        // string, so a row's meter is first looked for among the references met so far, and hashed only when new.
        var segmentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = new List<(string Reference, int Segment)>();
        var segmentOfRow = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            segmentOfRow[i] = SegmentOf(rows[i].MeterId, segmentOf, known);
        }

        // Segment r holds the rows of the r-th meter in ordinal order, at positions starts[r] .. starts[r + 1] - 1.
        var meters = segmentOf.Keys.Order(StringComparer.Ordinal).ToArray();
        var rank = new int[meters.Length];
        for (var r = 0; r < meters.Length; r++)
        {
            rank[segmentOf[meters[r]]] = r;
        }

        var starts = new int[meters.Length + 1];
        foreach (var segment in segmentOfRow)
        {
            starts[rank[segment] + 1]++;
        }

        for (var r = 0; r < meters.Length; r++)
        {
            starts[r + 1] += starts[r];
        }

        // PostgreSQL keeps microseconds: truncate as the wire format would.
        var microseconds = new long[rows.Count];
        var index = new int[rows.Count];
        var next = starts[..^1];
        for (var i = 0; i < rows.Count; i++)
        {
            var at = next[rank[segmentOfRow[i]]]++;
            microseconds[at] = rows[i].Start.UtcTicks / TimeSpan.TicksPerMicrosecond;
            index[at] = i;
        }

        var meterIds = new List<string>();
        var dayStarts = new List<DateTime>();
        var bounds = new List<int> { 0 };
        var offsets = new long[rows.Count];
        var energy = new double[rows.Count];
        var count = 0;
        for (var r = 0; r < meters.Length; r++)
        {
            var times = microseconds.AsSpan(starts[r], starts[r + 1] - starts[r]);
            var rowsOfMeter = index.AsSpan(starts[r], starts[r + 1] - starts[r]);
            if (!IsAscending(times))
            {
                times.Sort(rowsOfMeter);
            }

            var lastDay = -1L;
            for (var k = 0; k < times.Length;)
            {
                // An interval given more than once keeps the copy that came first in the file; the sort above is not
                // stable, so the earliest row of a run of equal times is looked for.
                var time = times[k];
                var first = rowsOfMeter[k];
                for (k++; k < times.Length && times[k] == time; k++)
                {
                    first = Math.Min(first, rowsOfMeter[k]);
                }

                var day = time - (time % MicrosecondsPerDay);
                if (day != lastDay)
                {
                    if (meterIds.Count > 0)
                    {
                        bounds.Add(count);
                    }

                    meterIds.Add(meters[r]);
                    dayStarts.Add(new DateTime(day * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc));
                    lastDay = day;
                }

                offsets[count] = time - day;
                energy[count++] = rows[first].EnergyWh;
            }
        }

        if (meterIds.Count > 0)
        {
            bounds.Add(count);
        }

        // Fewer entries than rows only when the rows repeat an interval.
        Array.Resize(ref offsets, count);
        Array.Resize(ref energy, count);
        return new IntervalDays([.. meterIds], [.. dayStarts], offsets, [.. bounds], energy);
    }

    private static int SegmentOf(string meterId, Dictionary<string, int> segmentOf, List<(string Reference, int Segment)> known)
    {
        foreach (var (reference, segment) in known)
        {
            if (ReferenceEquals(reference, meterId))
            {
                return segment;
            }
        }

        ref var found = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(segmentOf, meterId, out var seen);
        if (!seen)
        {
            found = segmentOf.Count - 1;
        }

        // A few references are remembered: an import's rows of one channel share one.
        if (known.Count < 16)
        {
            known.Add((meterId, found));
        }

        return found;
    }

    private static bool IsAscending(ReadOnlySpan<long> times)
    {
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] < times[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
