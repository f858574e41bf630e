namespace MeterGrains.Simulator.Publishing;

/// <summary>
/// Spaces readings evenly at a fixed rate on an absolute schedule: reading <c>k</c> is due <c>k / rate</c> seconds
/// after the start, so short stalls are caught up and the average rate does not drift. A backlog of more than
/// <c>maxBacklog</c> is given up (counted in <see cref="Skipped"/>) rather than sent as one burst.
/// </summary>
internal sealed class RatePacer
{
    private readonly double _ratePerSecond;
    private readonly TimeProvider _clock;
    private readonly long _maxBacklog;
    private readonly long _startTimestamp;
    private readonly DateTimeOffset _startedAt;
    private long _next;

    public RatePacer(double ratePerSecond, TimeProvider clock, TimeSpan maxBacklog)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        (_ratePerSecond, _clock) = (ratePerSecond, clock);
        _maxBacklog = Math.Max(1, (long)(ratePerSecond * maxBacklog.TotalSeconds));
        _startTimestamp = clock.GetTimestamp();
        _startedAt = clock.GetUtcNow();
    }

    /// <summary>Readings given up because the publisher fell behind by more than the allowed backlog.</summary>
    public long Skipped { get; private set; }

    /// <summary>The readings due by now and not yet taken: indexes <c>First</c> to <c>First + Count − 1</c>.</summary>
    public (long First, int Count) TakeDue()
    {
        var due = DueBy(_clock.GetElapsedTime(_startTimestamp)) - _next;
        if (due > _maxBacklog)
        {
            Skipped += due - _maxBacklog;
            _next += due - _maxBacklog;
            due = _maxBacklog;
        }

        var taken = (First: _next, Count: (int)Math.Min(due, int.MaxValue));
        _next += taken.Count;
        return taken;
    }

    /// <summary>How long until the next reading is due (zero if one is due now).</summary>
    public TimeSpan UntilNext()
    {
        var dueAt = TimeSpan.FromSeconds(_next / _ratePerSecond);
        var wait = dueAt - _clock.GetElapsedTime(_startTimestamp);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>The instant reading <paramref name="index"/> is scheduled for: its timestamp.</summary>
    public DateTimeOffset ScheduledAt(long index) => _startedAt + TimeSpan.FromSeconds(index / _ratePerSecond);

    // Reading 0 is due at once; reading k at k / rate seconds (the epsilon keeps k due at exactly that instant).
    private long DueBy(TimeSpan elapsed) => (long)Math.Floor((elapsed.TotalSeconds * _ratePerSecond) + 1e-9) + 1;
}
