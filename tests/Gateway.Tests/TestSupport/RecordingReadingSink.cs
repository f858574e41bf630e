using System.Collections.Concurrent;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>
/// An in-memory <see cref="IReadingSink"/>: records what it receives per meter, detects concurrent deliveries for the
/// same meter, and lets a test inject behaviour (delays, failures, rejections) before a delivery is recorded.
/// </summary>
internal sealed class RecordingReadingSink : IReadingSink
{
    private readonly ConcurrentDictionary<string, List<MeterReading>> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DevicePresence>> _presence = new(StringComparer.Ordinal);
    private int _deliveries;
    private int _overlaps;

    /// <summary>Runs before each delivery is recorded; throwing makes the delivery fail. Returns the rejections to report.</summary>
    public Func<string, IReadOnlyList<MeterReading>, CancellationToken, ValueTask<IReadOnlyList<RejectedReading>>>? OnDeliver { get; set; }

    /// <summary>Which delivery failures count as an unreachable meter (<see cref="IReadingSink.IsUnreachable"/>); none by default.</summary>
    public Func<Exception, bool> Unreachable { get; set; } = static _ => false;

    public int Deliveries => Volatile.Read(ref _deliveries);

    public bool IsUnreachable(Exception exception) => Unreachable(exception);

    /// <summary>Number of times a delivery started while another one for the same meter was running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public IReadOnlyList<MeterReading> ReadingsOf(string meterId)
    {
        if (!_received.TryGetValue(meterId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>The presence reports received, in order, per meter.</summary>
    public IReadOnlyList<DevicePresence> PresenceOf(string meterId)
    {
        if (!_presence.TryGetValue(meterId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>Runs before each presence report is recorded; throwing makes it fail.</summary>
    public Func<string, DevicePresence, CancellationToken, ValueTask>? OnReportPresence { get; set; }

    public async ValueTask ReportPresenceAsync(string meterId, DevicePresence presence, CancellationToken cancellationToken)
    {
        if (OnReportPresence is { } hook)
        {
            await hook(meterId, presence, cancellationToken);
        }

        var list = _presence.GetOrAdd(meterId, static _ => []);
        lock (list)
        {
            list.Add(presence);
        }
    }

    public int TotalReadings => _received.Values.Sum(l => { lock (l) { return l.Count; } });

    public async ValueTask<IngestResult> DeliverAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken)
    {
        if (_inFlight.AddOrUpdate(meterId, 1, static (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        try
        {
            IReadOnlyList<RejectedReading> rejected = [];
            if (OnDeliver is { } hook)
            {
                rejected = await hook(meterId, readings, cancellationToken);
            }

            var list = _received.GetOrAdd(meterId, static _ => []);
            lock (list)
            {
                list.AddRange(readings.Where(r => !rejected.Any(x => ReferenceEquals(x.Reading, r))));
            }

            Interlocked.Increment(ref _deliveries);
            return new IngestResult(readings.Count - rejected.Count, rejected);
        }
        finally
        {
            _inFlight.AddOrUpdate(meterId, 0, static (_, n) => n - 1);
        }
    }
}
