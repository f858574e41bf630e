using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// Applies readings to a <see cref="MeterSnapshot"/>: validation, the exact power integral, quarter-hour buckets,
/// reset-corrected registers, duplicates, gaps and late readings (domain.md). Pure: no I/O, no clock of its own.
/// </summary>
/// <remarks>
/// The accumulator keeps the readings of the reorder window (<see cref="MeterRules.ReorderWindow"/> behind the
/// latest one) plus, for power and each register, the last reading before the window: the left end of the interval
/// a late reading can fall into. A late reading inside the window takes back the interval it falls into and adds the
/// two halves; registers are replayed over the window. Older readings are <see cref="ReadingOutcomeKind.Late"/>.
/// <para>
/// Between readings the window lives only in its packed form (<see cref="MeterSnapshot.RecentReadings"/>, about
/// 9 bytes a reading at a Shelly's cadence), which the snapshot must hold anyway: a decoded list costs 72 bytes a
/// reading, and a million idle meters would keep those in memory. Each reading unpacks it into a list that the thread
/// reuses, changes it and packs it again.
/// </para>
/// </remarks>
public sealed class MeterAccumulator
{
    private readonly MeterRules _rules;
    private readonly BucketLedger _buckets;

    /// <summary>The unpacked window while <see cref="Apply"/> runs; one list per thread suffices because Apply never awaits.</summary>
    [ThreadStatic]
    private static List<RecentReading>? t_window;

    /// <summary>
    /// The instant of the oldest reading in the window (all <see cref="ClosingBound"/> needs of it) in UTC ticks, 0 while
    /// empty: 8 bytes per active meter where a <c>DateTimeOffset?</c> takes 24.
    /// </summary>
    private long _windowStartTicks;

    public MeterAccumulator(MeterSnapshot snapshot, MeterRules rules)
    {
        Snapshot = snapshot;
        _rules = rules;
        _windowStartTicks = RecentReadingsCodec.Decode(snapshot.RecentReadings) is [var first, ..] ? first.At.UtcTicks : 0;
        _buckets = new BucketLedger(snapshot);
    }

    public MeterSnapshot Snapshot { get; }

    /// <summary>The quarter-hour buckets that late readings may still change, oldest first.</summary>
    public IReadOnlyList<EnergyBucket> OpenBuckets => [.. Snapshot.OpenBuckets.Select(b => b.ToEnergyBucket())];

    /// <summary>The readings kept for reordering, oldest first (diagnostics and tests; unpacked on every call).</summary>
    public IReadOnlyList<RecentReading> RecentReadings => RecentReadingsCodec.Decode(Snapshot.RecentReadings);

    /// <summary>
    /// The instant before which no accepted reading can change a bucket any more: the reorder cutoff
    /// (latest − window), moved back to the last reading before it (the start of the interval a late reading can
    /// split), but not further back than MaxGap, since an interval longer than that is a gap and adds nothing.
    /// Null before the first reading.
    /// </summary>
    /// <remarks>
    /// The same limit bounds how long buckets wait for registers: when register readings are more than MaxGap apart
    /// and the later one arrives late, buckets already closed between them keep null register energy (the meter's
    /// register totals still count it). In order, or with registers as frequent as power, buckets are exact.
    /// </remarks>
    public DateTimeOffset? ClosingBound
    {
        get
        {
            if (Snapshot.LastReadingAt is not { } latest || _windowStartTicks == 0)
            {
                return null;
            }

            var first = new DateTimeOffset(_windowStartTicks, TimeSpan.Zero);
            var cutoff = latest - _rules.ReorderWindow;
            var earliestKept = first < cutoff ? first : cutoff;
            var noFurtherThan = cutoff - _rules.MaxGap;
            return earliestKept > noFurtherThan ? earliestKept : noFurtherThan;
        }
    }

    /// <summary>
    /// Removes and returns the buckets that end at or before <see cref="ClosingBound"/>, for the grain to persist.
    /// They are final: no bucket before them is opened again.
    /// </summary>
    public IReadOnlyList<EnergyBucket> TakeClosedBuckets() =>
        ClosingBound is { } bound ? _buckets.TakeClosed(bound) : [];

    /// <summary>Applies one reading received at <paramref name="receivedAt"/>.</summary>
    public ReadingOutcome Apply(MeterReading reading, DateTimeOffset receivedAt)
    {
        if (ReadingValidator.Validate(reading, receivedAt, _rules.Limits) is { } reason)
        {
            Snapshot.ReadingsRejected++;
            return new ReadingOutcome(ReadingOutcomeKind.Rejected, reason);
        }

        var incoming = RecentReading.From(reading);
        var latest = Snapshot.LastReadingAt;
        if (latest is { } last && reading.Timestamp < last - _rules.ReorderWindow)
        {
            Snapshot.LateReadings++;
            Snapshot.ReadingsAccepted++;
            return ReadingOutcome.Late;
        }

        var window = t_window ??= [];
        RecentReadingsCodec.DecodeInto(Snapshot.RecentReadings, window);
        var index = SortedByTime.IndexOf(window, reading.Timestamp, r => r.At);
        if (index >= 0)
        {
            return Repeat(window[index], incoming);
        }

        index = ~index;
        window.Insert(index, incoming);
        if (incoming.NetPowerW is not null)
        {
            IntegrateAround(window, index);
        }

        if (incoming.ImportRegisterWh is not null)
        {
            ReplayRegister(window, RegisterKind.Import);
        }

        if (incoming.ExportRegisterWh is not null)
        {
            ReplayRegister(window, RegisterKind.Export);
        }

        UpdateLiveValues(window, index, reading);
        if (latest is { } previous && reading.Timestamp < previous)
        {
            Snapshot.ReorderedReadings++;
        }
        else
        {
            Snapshot.LastReadingAt = reading.Timestamp;
        }

        Snapshot.ReadingsAccepted++;
        TrimWindow(window);
        Snapshot.RecentReadings = RecentReadingsCodec.Encode(window);
        _windowStartTicks = window[0].At.UtcTicks;
        return ReadingOutcome.Accepted;
    }

    /// <summary>
    /// Late readings that the store already held (their instant is older than the reorder window, so they were taken as
    /// late without a check): they count as duplicates, not as accepted or late, like repeats inside the window.
    /// </summary>
    public void CountStoredLateRepeats(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Snapshot.LateReadings -= count;
        Snapshot.ReadingsAccepted -= count;
        Snapshot.Duplicates += count;
    }

    private ReadingOutcome Repeat(RecentReading kept, RecentReading incoming)
    {
        if (kept.Fingerprint == incoming.Fingerprint)
        {
            Snapshot.Duplicates++;
            return ReadingOutcome.Duplicate;
        }

        Snapshot.Conflicts++;
        return new ReadingOutcome(ReadingOutcomeKind.Conflict, $"a different reading for ts {incoming.At:O} was accepted before; the first copy stands");
    }

    /// <summary>
    /// Integrates the power reading at <paramref name="index"/> with its neighbours: the interval between them, if
    /// any, is taken back (integral or gap) and the two intervals on either side are added.
    /// </summary>
    private void IntegrateAround(List<RecentReading> window, int index)
    {
        var before = FindPower(window, index - 1, -1);
        var after = FindPower(window, index + 1, +1);
        if (before is { } b && after is { } a)
        {
            AddInterval(b, a, -1);
        }

        if (before is { } b2)
        {
            AddInterval(b2, window[index], +1);
        }

        if (after is { } a2)
        {
            AddInterval(window[index], a2, +1);
        }
    }

    private void AddInterval(RecentReading from, RecentReading to, int sign)
    {
        var n0 = from.NetPowerW!.Value;
        var n1 = to.NetPowerW!.Value;
        var duration = to.At - from.At;
        if (duration > _rules.MaxGap)
        {
            Snapshot.Gaps += sign;
            Snapshot.GapSeconds += sign * duration.TotalSeconds;
            return;
        }

        var energy = PowerIntegral.Between(n0, n1, duration.TotalSeconds);
        Snapshot.IntegratedImportWh += sign * energy.ImportWh;
        Snapshot.IntegratedExportWh += sign * energy.ExportWh;
        _buckets.AddInterval(from.At, n0, to.At, n1, sign);
    }

    private void ReplayRegister(List<RecentReading> window, RegisterKind kind)
    {
        var before = kind == RegisterKind.Import ? Snapshot.ImportRegisterBeforeWindow : Snapshot.ExportRegisterBeforeWindow;
        var (tracker, points) = RegisterCurve.Replay(before, window, kind);
        RegisterCurve.ForEachEdge(points, (edge, wh) => _buckets.SetRegisterAtEdge(kind, edge, wh));
        if (kind == RegisterKind.Import)
        {
            Snapshot.ImportRegister = RegisterState.Save(tracker);
        }
        else
        {
            Snapshot.ExportRegister = RegisterState.Save(tracker);
        }
    }

    /// <summary>The live values follow the newest reading that carries each of them, whatever the arrival order.</summary>
    private void UpdateLiveValues(List<RecentReading> window, int index, MeterReading reading)
    {
        if (reading.HasPower && FindPower(window, index + 1, +1) is null)
        {
            Snapshot.ImportPowerW = reading.ImportPowerW ?? 0;
            Snapshot.ExportPowerW = reading.ExportPowerW ?? 0;
            Snapshot.LastPowerAt = reading.Timestamp;
            Snapshot.LastNetPowerW = window[index].NetPowerW;
        }

        if (reading.ImportRegisterWh is { } import && !HasLater(window, index, RegisterKind.Import))
        {
            Snapshot.ImportRegisterWh = import;
        }

        if (reading.ExportRegisterWh is { } export && !HasLater(window, index, RegisterKind.Export))
        {
            Snapshot.ExportRegisterWh = export;
        }
    }

    /// <summary>
    /// Drops what no admissible reading can need any more: before the cutoff only the last power reading and the
    /// last reading of each register stay (the left ends of intervals a late reading can split); a dropped register
    /// value is folded into the state before the window.
    /// </summary>
    private void TrimWindow(List<RecentReading> window)
    {
        var cutoff = Snapshot.LastReadingAt!.Value - _rules.ReorderWindow;
        int lastPower = -1, lastImport = -1, lastExport = -1, firstInWindow = 0;
        for (; firstInWindow < window.Count && window[firstInWindow].At < cutoff; firstInWindow++)
        {
            var r = window[firstInWindow];
            lastPower = r.NetPowerW is null ? lastPower : firstInWindow;
            lastImport = r.ImportRegisterWh is null ? lastImport : firstInWindow;
            lastExport = r.ExportRegisterWh is null ? lastExport : firstInWindow;
        }

        if (firstInWindow == 0)
        {
            return;
        }

        var kept = new List<RecentReading>(3);
        for (var i = 0; i < firstInWindow; i++)
        {
            var r = window[i];
            if (i != lastImport && r.ImportRegisterWh is { } import)
            {
                Snapshot.ImportRegisterBeforeWindow = Fold(Snapshot.ImportRegisterBeforeWindow, import);
                r = r with { ImportRegisterWh = null };
            }

            if (i != lastExport && r.ExportRegisterWh is { } export)
            {
                Snapshot.ExportRegisterBeforeWindow = Fold(Snapshot.ExportRegisterBeforeWindow, export);
                r = r with { ExportRegisterWh = null };
            }

            if (i != lastPower)
            {
                r = r with { NetPowerW = null };
            }

            if (r.NetPowerW is not null || r.ImportRegisterWh is not null || r.ExportRegisterWh is not null)
            {
                kept.Add(r);
            }
        }

        window.RemoveRange(0, firstInWindow);
        window.InsertRange(0, kept);
    }

    private static RegisterSnapshot Fold(RegisterSnapshot state, double rawWh)
    {
        var tracker = RegisterState.Restore(state);
        tracker.Apply(rawWh);
        return RegisterState.Save(tracker);
    }

    private static RecentReading? FindPower(List<RecentReading> window, int start, int step)
    {
        for (var i = start; i >= 0 && i < window.Count; i += step)
        {
            if (window[i].NetPowerW is not null)
            {
                return window[i];
            }
        }

        return null;
    }

    private static bool HasLater(List<RecentReading> window, int index, RegisterKind kind)
    {
        for (var i = index + 1; i < window.Count; i++)
        {
            if (window[i].Register(kind) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
