using System.Globalization;
using System.Text.Json;

namespace MeterGrains.Exports.Files;

/// <summary>
/// JSON Lines: one object per row with every column (null where PostgreSQL has none), timestamps as ISO-8601 UTC strings
/// with six fractional digits (<c>2026-11-22T10:15:00.000000Z</c>), numbers in their shortest round-trip form.
/// </summary>
public sealed class JsonlBatchWriter(Stream output) : IBatchWriter
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Utf8JsonWriter _json = new(output);

    public async ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var columns = batch.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            _json.WriteStartObject();
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                switch (column.Type)
                {
                    case ExportColumnType.Text:
                        _json.WriteString(column.Name, batch.Text(c)[row]);
                        break;
                    case ExportColumnType.Timestamp:
                        _json.WriteString(column.Name, batch.Timestamps(c).Span[row].ToString(TimestampFormat, CultureInfo.InvariantCulture));
                        break;
                    case ExportColumnType.Double when column.Nullable:
                        if (batch.NullableDoubles(c).Span[row] is { } value)
                        {
                            _json.WriteNumber(column.Name, value);
                        }
                        else
                        {
                            _json.WriteNull(column.Name);
                        }

                        break;
                    case ExportColumnType.Double:
                        _json.WriteNumber(column.Name, batch.Doubles(c).Span[row]);
                        break;
                    case ExportColumnType.Boolean:
                        _json.WriteBoolean(column.Name, batch.Booleans(c).Span[row]);
                        break;
                    case ExportColumnType.Int64:
                        _json.WriteNumber(column.Name, batch.Int64s(c).Span[row]);
                        break;
                }
            }

            _json.WriteEndObject();
            _json.Flush();
            output.Write(NewLine);
            // A fresh top-level value per line (no separator before it).
            _json.Reset();
        }

        await output.FlushAsync(cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
