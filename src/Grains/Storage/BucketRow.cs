namespace MeterGrains.Storage;

/// <summary>One quarter-hour bucket of one meter, as stored in <c>meter_buckets</c>.</summary>
/// <param name="Start">UTC start of the bucket, aligned to :00, :15, :30 or :45.</param>
/// <param name="ImportWh">Imported energy from the power integral, Wh.</param>
/// <param name="ExportWh">Exported energy from the power integral, Wh.</param>
/// <param name="RegisterImportWh">Imported energy from the registers, Wh; null where unknown.</param>
/// <param name="RegisterExportWh">Exported energy from the registers, Wh; null where unknown.</param>
/// <param name="Complete">False when a gap longer than maxGap touches the bucket.</param>
public sealed record BucketRow(
    DateTimeOffset Start,
    double ImportWh,
    double ExportWh,
    double? RegisterImportWh,
    double? RegisterExportWh,
    bool Complete);
