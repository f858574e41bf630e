namespace MeterGrains.Exports;

/// <summary>
/// What one kind of export reads: the source table, its day column and the exported columns in file order. Rows are
/// ordered by meter and time, which keeps row groups' min/max statistics narrow for readers that filter on them.
/// </summary>
public sealed class ExportTable
{
    private ExportTable(ExportKind kind, string table, string timeColumn, IReadOnlyList<ExportColumn> columns)
    {
        Kind = kind;
        Columns = columns;
        // Every name here is a constant of this class.
        SelectDaySql = $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM {table} "
            + $"WHERE {timeColumn} >= $1 AND {timeColumn} < $2 ORDER BY meter_id, {timeColumn}";
    }

    public ExportKind Kind { get; }

    public IReadOnlyList<ExportColumn> Columns { get; }

    /// <summary>The rows of one UTC day: <c>$1</c> its start, <c>$2</c> the next day's start (both timestamptz).</summary>
    public string SelectDaySql { get; }

    /// <summary>Raw readings (<c>meter_readings</c>, migration 0005), by <c>ts</c>.</summary>
    public static ExportTable Readings { get; } = new(ExportKind.Readings, "meter_readings", "ts",
    [
        new("meter_id", ExportColumnType.Text, false),
        new("ts", ExportColumnType.Timestamp, false),
        new("import_power_w", ExportColumnType.Double, true, "W"),
        new("export_power_w", ExportColumnType.Double, true, "W"),
        new("import_register_wh", ExportColumnType.Double, true, "Wh"),
        new("export_register_wh", ExportColumnType.Double, true, "Wh"),
        new("voltage_v", ExportColumnType.Double, true, "V"),
        new("current_a", ExportColumnType.Double, true, "A"),
        new("power_factor", ExportColumnType.Double, true),
        new("frequency_hz", ExportColumnType.Double, true, "Hz"),
        new("late", ExportColumnType.Boolean, false),
        new("ingest_id", ExportColumnType.Int64, false),
        new("received_at", ExportColumnType.Timestamp, false),
    ]);

    /// <summary>Quarter-hour buckets (<c>meter_buckets</c>, migration 0005), by <c>bucket_start</c>.</summary>
    public static ExportTable Buckets { get; } = new(ExportKind.Buckets, "meter_buckets", "bucket_start",
    [
        new("meter_id", ExportColumnType.Text, false),
        new("bucket_start", ExportColumnType.Timestamp, false),
        new("import_wh", ExportColumnType.Double, false, "Wh"),
        new("export_wh", ExportColumnType.Double, false, "Wh"),
        new("register_import_wh", ExportColumnType.Double, true, "Wh"),
        new("register_export_wh", ExportColumnType.Double, true, "Wh"),
        new("complete", ExportColumnType.Boolean, false),
        new("updated_at", ExportColumnType.Timestamp, false),
    ]);

    public static ExportTable For(ExportKind kind) => kind == ExportKind.Readings ? Readings : Buckets;
}
