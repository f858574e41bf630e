using MeterGrains.Storage;

namespace MeterGrains.Bench;

/// <summary>
/// A reading store that stores nothing and has nothing to read: the benchmark measures the grain, not PostgreSQL.
/// It hands out ingest ids as the real store does, so snapshots carry one.
/// </summary>
internal sealed class DiscardingReadingStore : IReadingStore
{
    private long _lastIngestId;

    public ValueTask<StoredBatch> AppendAsync(string meterId, IReadOnlyList<StoredReading> readings, CancellationToken ct) =>
        ValueTask.FromResult(new StoredBatch(readings.Count, 0, Interlocked.Add(ref _lastIngestId, readings.Count), readings.Count(static r => r.Late)));

    public IAsyncEnumerable<StoredReading> ReadAsync(string meterId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) =>
        AsyncEnumerable.Empty<StoredReading>();

    public IAsyncEnumerable<IngestedReading> ReadAfterAsync(string meterId, long afterIngestId, DateTimeOffset notBefore, CancellationToken ct) =>
        AsyncEnumerable.Empty<IngestedReading>();

    public ValueTask UpsertBucketsAsync(string meterId, IReadOnlyList<BucketRow> buckets, CancellationToken ct) => ValueTask.CompletedTask;

    public IAsyncEnumerable<BucketRow> ReadBucketsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        AsyncEnumerable.Empty<BucketRow>();
}
