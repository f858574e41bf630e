namespace MeterGrains.Simulator.Publishing;

/// <summary>What the run has done so far; updated from publish completions on any thread.</summary>
internal sealed class PublishCounters
{
    private long _messagesSent;
    private long _readingsSent;
    private long _acked;
    private long _failed;
    private long _reconnects;
    private long _silentReadings;
    private long _behindSchedule;

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long ReadingsSent => Interlocked.Read(ref _readingsSent);

    /// <summary>Messages the broker acknowledged (QoS 1) or that were written to the connection (QoS 0).</summary>
    public long Acked => Interlocked.Read(ref _acked);

    public long Failed => Interlocked.Read(ref _failed);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Readings a device did not send because it was in a simulated dropout.</summary>
    public long SilentReadings => Interlocked.Read(ref _silentReadings);

    /// <summary>Readings the pacer gave up because publishing fell more than its backlog behind.</summary>
    public long BehindSchedule => Interlocked.Read(ref _behindSchedule);

    public long InFlight => MessagesSent - Acked - Failed;

    public void Sent(int readings)
    {
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Add(ref _readingsSent, readings);
    }

    public void Acknowledged() => Interlocked.Increment(ref _acked);

    public void Failure() => Interlocked.Increment(ref _failed);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void Silent() => Interlocked.Increment(ref _silentReadings);

    public void SkippedBehindSchedule(long total) => Interlocked.Exchange(ref _behindSchedule, total);
}
