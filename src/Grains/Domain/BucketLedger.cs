namespace MeterGrains.Domain;

/// <summary>
/// The open quarter-hour buckets of a meter (kept in <see cref="MeterSnapshot.OpenBuckets"/>, sorted by start).
/// Intervals are added with sign +1 and taken back with sign −1 when a late reading re-splits them; the pieces are
/// computed the same way both times, so taking back removes exactly what was added. A struct: it only wraps the
/// snapshot, and as a field of <see cref="MeterAccumulator"/> it then costs no object per active meter.
/// </summary>
internal readonly struct BucketLedger(MeterSnapshot snapshot)
{
    private OpenBucket[] Buckets => snapshot.OpenBuckets;

    /// <summary>
    /// Adds (<paramref name="sign"/> = 1) or removes (−1) the line from (<paramref name="t0"/>, <paramref name="n0"/>)
    /// to (<paramref name="t1"/>, <paramref name="n1"/>): split at every quarter-hour edge, with the net power at the
    /// edge on the same line, and each piece split at its zero crossing by <see cref="PowerIntegral"/>.
    /// </summary>
    public void AddInterval(DateTimeOffset t0, double n0, DateTimeOffset t1, double n1, int sign)
    {
        var totalTicks = (double)(t1 - t0).Ticks;
        var a = t0;
        var na = n0;
        while (a < t1)
        {
            var edge = QuarterHour.NextEdgeAfter(a);
            var b = edge < t1 ? edge : t1;
            var nb = b == t1 ? n1 : n0 + ((n1 - n0) * ((b - t0).Ticks / totalTicks));
            if (GetOrAdd(QuarterHour.Floor(a)) is { } bucket)
            {
                var energy = PowerIntegral.Between(na, nb, (b - a).TotalSeconds);
                bucket.ImportWh += sign * energy.ImportWh;
                bucket.ExportWh += sign * energy.ExportWh;
                bucket.CoveredTicks += sign * (b - a).Ticks;
            }

            a = b;
            na = nb;
        }
    }

    /// <summary>
    /// Sets the reset-corrected register at a quarter-hour edge: the end of one bucket and the start of the next.
    /// Only the later bucket is created for it: an end value alone gives no register energy, and a replay sets it
    /// again whenever a register reading could complete the earlier bucket.
    /// </summary>
    public void SetRegisterAtEdge(RegisterKind kind, DateTimeOffset edge, double valueWh)
    {
        if (Find(edge - QuarterHour.Length) is { } before)
        {
            if (kind == RegisterKind.Import)
            {
                before.ImportRegisterAtEndWh = valueWh;
            }
            else
            {
                before.ExportRegisterAtEndWh = valueWh;
            }
        }

        if (GetOrAdd(edge) is { } after)
        {
            if (kind == RegisterKind.Import)
            {
                after.ImportRegisterAtStartWh = valueWh;
            }
            else
            {
                after.ExportRegisterAtStartWh = valueWh;
            }
        }
    }

    /// <summary>Removes and returns the buckets that end at or before <paramref name="bound"/>; none before it is opened again.</summary>
    public IReadOnlyList<EnergyBucket> TakeClosed(DateTimeOffset bound)
    {
        var count = 0;
        while (count < Buckets.Length && Buckets[count].Start + QuarterHour.Length <= bound)
        {
            count++;
        }

        var closedUntil = QuarterHour.Floor(bound);
        if (snapshot.ClosedUntil is not { } previous || closedUntil > previous)
        {
            snapshot.ClosedUntil = closedUntil;
        }

        if (count == 0)
        {
            return [];
        }

        var closed = Buckets.Take(count).Select(b => b.ToEnergyBucket()).ToList();
        snapshot.OpenBuckets = Buckets[count..];
        return closed;
    }

    private OpenBucket? Find(DateTimeOffset start)
    {
        var index = SortedByTime.IndexOf(Buckets, start, b => b.Start);
        return index >= 0 ? Buckets[index] : null;
    }

    /// <summary>The bucket starting at <paramref name="start"/>, created when missing; null when it was closed already.</summary>
    private OpenBucket? GetOrAdd(DateTimeOffset start)
    {
        if (start < snapshot.ClosedUntil)
        {
            return null;
        }

        var index = SortedByTime.IndexOf(Buckets, start, b => b.Start);
        if (index >= 0)
        {
            return Buckets[index];
        }

        var bucket = new OpenBucket { Start = start };
        snapshot.OpenBuckets = [.. Buckets.AsSpan(0, ~index), bucket, .. Buckets.AsSpan(~index)];
        return bucket;
    }
}
