using Parquet;
using Parquet.Schema;

namespace MeterGrains.Exports.Files;

/// <summary>
/// Parquet with Parquet.Net: one row group per batch, Snappy-compressed (every reader of note has Snappy), timestamps as
/// INT64 TIMESTAMP(UTC, MICROS), the schema version and the export's kind and day in the file's key-value metadata.
/// </summary>
public sealed class ParquetBatchWriter : IBatchWriter
{
    /// <summary>Bumped when a column changes meaning or type; readers find it under <c>metergrains.schema_version</c>.</summary>
    public const string SchemaVersion = "1";

    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private bool _closed;

    private ParquetBatchWriter(ParquetWriter writer, DataField[] fields)
    {
        _writer = writer;
        _fields = fields;
    }

    public static async Task<ParquetBatchWriter> CreateAsync(ExportTable table, DateOnly day, Stream output, CancellationToken cancellationToken)
    {
        var fields = table.Columns.Select(Field).ToArray();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options, append: false, cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            ["metergrains.schema_version"] = SchemaVersion,
            ["metergrains.kind"] = ExportKinds.ToName(table.Kind),
            ["metergrains.day"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        return new ParquetBatchWriter(writer, fields);
    }

    public async ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            var column = batch.Columns[c];
            switch (column.Type)
            {
                case ExportColumnType.Text:
                    await group.WriteAsync(field, batch.TextSegment(c)!, null);
                    break;
                case ExportColumnType.Timestamp:
                    await group.WriteAsync(field, batch.Timestamps(c), null, null, cancellationToken);
                    break;
                case ExportColumnType.Double when column.Nullable:
                    await group.WriteAsync(field, batch.NullableDoubles(c), null, null, cancellationToken);
                    break;
                case ExportColumnType.Double:
                    await group.WriteAsync(field, batch.Doubles(c), null, null, cancellationToken);
                    break;
                case ExportColumnType.Boolean:
                    await group.WriteAsync(field, batch.Booleans(c), null, null, cancellationToken);
                    break;
                case ExportColumnType.Int64:
                    await group.WriteAsync(field, batch.Int64s(c), null, null, cancellationToken);
                    break;
            }
        }

        group.CompleteValidate();
    }

    /// <summary>Disposing the writer writes the footer; once only.</summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken) => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await _writer.DisposeAsync();
        }
    }

    private static DataField Field(ExportColumn column) => column.Type switch
    {
        ExportColumnType.Text => new DataField<string>(column.Name, column.Nullable),
        ExportColumnType.Timestamp => new DateTimeDataField(
            column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: column.Nullable),
        ExportColumnType.Double => new DataField<double>(column.Name, column.Nullable),
        ExportColumnType.Boolean => new DataField<bool>(column.Name, column.Nullable),
        _ => new DataField<long>(column.Name, column.Nullable),
    };
}
