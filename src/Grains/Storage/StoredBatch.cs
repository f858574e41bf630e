namespace MeterGrains.Storage;

/// <summary>What one <see cref="IReadingStore.AppendAsync"/> call stored once its transaction committed.</summary>
/// <param name="Inserted">Readings that were new and are now stored.</param>
/// <param name="Duplicates">Readings whose (meter, ts) was already stored (or repeated in the call); the first copy stands.</param>
/// <param name="MaxIngestId">Highest ingest id among the new readings; null when none was new.</param>
/// <param name="LateInserted">How many of the new readings were flagged late: the caller tells from it which of its
/// late readings (older than its reorder window, so it could not check them itself) were repeats of stored ones.</param>
public sealed record StoredBatch(int Inserted, int Duplicates, long? MaxIngestId, int LateInserted)
{
    public static StoredBatch Empty { get; } = new(0, 0, null, 0);
}
