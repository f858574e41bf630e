namespace MeterGrains.Storage;

/// <summary>
/// Durable storage of raw readings and quarter-hour buckets, shared by all meter grains of a silo.
/// Storing is idempotent on (meter, ts): the first copy stands.
/// </summary>
public interface IReadingStore
{
    /// <summary>
    /// Stores readings of one meter. Completes once the transaction holding them has committed.
    /// On failure nothing of this call is stored and the call may be retried.
    /// </summary>
    ValueTask<StoredBatch> AppendAsync(string meterId, IReadOnlyList<StoredReading> readings, CancellationToken ct);

    /// <summary>Readings of a meter with <paramref name="from"/> ≤ ts &lt; <paramref name="to"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IAsyncEnumerable<StoredReading> ReadAsync(string meterId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct);

    /// <summary>
    /// Readings of a meter stored after <paramref name="afterIngestId"/>, in arrival order, with ts ≥ <paramref name="notBefore"/>
    /// (which bounds the partitions scanned): what a meter replays after loading its snapshot.
    /// </summary>
    IAsyncEnumerable<IngestedReading> ReadAfterAsync(string meterId, long afterIngestId, DateTimeOffset notBefore, CancellationToken ct);

    /// <summary>Writes buckets of a meter; a bucket already stored is replaced. Within one call the last row for a start wins.</summary>
    ValueTask UpsertBucketsAsync(string meterId, IReadOnlyList<BucketRow> buckets, CancellationToken ct);

    /// <summary>Buckets of a meter with <paramref name="from"/> ≤ start &lt; <paramref name="to"/>, oldest first.</summary>
    IAsyncEnumerable<BucketRow> ReadBucketsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
