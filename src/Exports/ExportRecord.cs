namespace MeterGrains.Exports;

/// <summary>
/// One exported file as the <c>exports</c> table records it: the <paramref name="Kind"/> (<c>readings</c>,
/// <c>buckets</c>) of UTC <paramref name="Day"/> in <paramref name="Format"/> (<c>parquet</c>, <c>jsonl</c>), its row
/// count, its path relative to <c>Export:Directory</c>, size in bytes, SHA-256 (lowercase hex), and when and by which
/// host it was written.
/// </summary>
public sealed record ExportRecord(
    string Kind, DateOnly Day, string Format, long Rows, string Path, long Bytes, string Sha256, DateTimeOffset ExportedAt, string ExportedBy);
