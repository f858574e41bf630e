using System.Diagnostics.Metrics;
using MeterGrains.Storage;

namespace MeterGrains;

/// <summary>
/// The grain silo's instruments on the <c>MeterGrains.Grains</c> meter: <c>metergrains.meters.active</c> (meter grains
/// active on this silo), <c>metergrains.readings.stored</c> (readings new to PostgreSQL), <c>metergrains.store.batch.size</c>
/// (readings per write transaction) and <c>metergrains.ingest.lag</c> (seconds from a reading's device time to the commit
/// that stored it).
/// </summary>
public sealed class GrainMetrics
{
    /// <summary>Name of the <see cref="Meter"/>, to enable in OpenTelemetry.</summary>
    public const string MeterName = "MeterGrains.Grains";

    /// <summary>Bucket bounds of the ingest lag in seconds: sub-second for live traffic up to an hour for uploaded backlogs.</summary>
    public static IReadOnlyList<double> LagBuckets { get; } = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    /// <summary>Bucket bounds of write batch sizes: powers of four up to the largest batch.</summary>
    public static IReadOnlyList<int> BatchSizeBuckets { get; } = [1, 4, 16, 64, 256, 1024, 4096, 16384];

    private readonly UpDownCounter<int> _activeMeters;
    private readonly Counter<long> _readingsStored;
    private readonly Histogram<int> _storeBatchSize;
    private readonly Histogram<double> _ingestLag;
    private readonly TimeProvider _clock;

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/>.</summary>
    public GrainMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        _activeMeters = meter.CreateUpDownCounter<int>("metergrains.meters.active", "{meter}", "Meter grains active on this silo.");
        _readingsStored = meter.CreateCounter<long>("metergrains.readings.stored", "{reading}", "Readings written to PostgreSQL that were new there.");
        _storeBatchSize = meter.CreateHistogram(
            "metergrains.store.batch.size", "{reading}", "Readings per committed write transaction of the reading store.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        _ingestLag = meter.CreateHistogram(
            "metergrains.ingest.lag", "s", "From a reading's device time to the commit that stored it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    internal void MeterActivated() => _activeMeters.Add(1);

    internal void MeterDeactivated() => _activeMeters.Add(-1);

    /// <summary>Records one committed write: its size, the new rows, and the lag of each reading it carried.</summary>
    internal void Committed(IEnumerable<IReadOnlyList<StoredReading>> calls, int offered, int inserted)
    {
        _storeBatchSize.Record(offered);
        _readingsStored.Add(inserted);
        if (_ingestLag.Enabled)
        {
            var now = _clock.GetUtcNow();
            foreach (var readings in calls)
            {
                foreach (var stored in readings)
                {
                    _ingestLag.Record((now - stored.Reading.Timestamp).TotalSeconds);
                }
            }
        }
    }
}
