using System.Diagnostics.Metrics;

namespace MeterGrains.Exports;

/// <summary>
/// Instruments on the <c>MeterGrains.Exports</c> meter: <c>metergrains.export.rows</c> (rows written to export files,
/// by <c>kind</c>) and <c>metergrains.retention.partitions.dropped</c> (raw daily partitions dropped after export).
/// </summary>
public sealed class ExportMetrics
{
    /// <summary>Name of the <see cref="Meter"/>, to enable in OpenTelemetry.</summary>
    public const string MeterName = "MeterGrains.Exports";

    private readonly Counter<long> _rows;
    private readonly Counter<long> _dropped;

    public ExportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rows = meter.CreateCounter<long>("metergrains.export.rows", "{row}", "Rows written to export files.");
        _dropped = meter.CreateCounter<long>("metergrains.retention.partitions.dropped", "{partition}", "Raw daily partitions dropped after their day was exported.");
    }

    public void Exported(ExportKind kind, long rows) => _rows.Add(rows, new KeyValuePair<string, object?>("kind", ExportKinds.ToName(kind)));

    public void PartitionDropped() => _dropped.Add(1);
}
