namespace MeterGrains.Storage;

/// <summary>A stored reading with the ingest id that orders it by arrival (for crash-recovery replay).</summary>
/// <param name="IngestId">Position in arrival order; higher ids arrived later.</param>
/// <param name="Stored">The stored reading.</param>
public sealed record IngestedReading(long IngestId, StoredReading Stored);
