namespace MeterGrains.Storage;

/// <summary>What one <see cref="IReadingStore.AppendAsync"/> call stored once its transaction committed.</summary>
/// <param name="Inserted">Readings that were new and are now stored.</param>
/// <param name="Duplicates">Readings whose (meter, ts) was already stored (or repeated in the call); the first copy stands.</param>
/// <param name="MaxIngestId">Highest ingest id among the new readings; null when none was new.</param>
public sealed record StoredBatch(int Inserted, int Duplicates, long? MaxIngestId)
{
    public static StoredBatch Empty { get; } = new(0, 0, null);
}
