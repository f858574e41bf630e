using System.Globalization;
using System.Text.Json;
using Npgsql;
using ParquetSharp;

namespace MeterGrains.Integration.Tests.Exports;

/// <summary>
/// Rows of an export, each as the column values in file order, read three independent ways: from PostgreSQL with SQL
/// written out here, from a Parquet file with ParquetSharp (Apache Arrow's parquet-cpp, not the Parquet.Net that wrote
/// it), and from a JSONL file with System.Text.Json's document model.
/// </summary>
internal static class ExportedRows
{
    public static readonly string[] ReadingColumns =
    [
        "meter_id", "ts", "import_power_w", "export_power_w", "import_register_wh", "export_register_wh", "voltage_v",
        "current_a", "power_factor", "frequency_hz", "late", "ingest_id", "received_at",
    ];

    public static readonly string[] BucketColumns =
        ["meter_id", "bucket_start", "import_wh", "export_wh", "register_import_wh", "register_export_wh", "complete", "updated_at"];

    /// <summary>The day's rows of <paramref name="table"/> ordered by meter and time, timestamps as UTC ticks.</summary>
    public static async Task<List<object?[]>> FromDatabaseAsync(string connectionString, string table, string[] columns, DateOnly day)
    {
        var timeColumn = columns[1];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", columns)} FROM {table} WHERE {timeColumn} >= @from AND {timeColumn} < @to ORDER BY meter_id, {timeColumn}",
            connection);
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", from.AddDays(1));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, columns.Length).Select(c => Normalize(reader.IsDBNull(c) ? null : reader.GetValue(c)))]);
        }

        return rows;
    }

    /// <summary>Every row of a Parquet file, all row groups in order.</summary>
    public static List<object?[]> FromParquet(string path, string[] columns)
    {
        using var file = new ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        Assert.Equal(columns, Enumerable.Range(0, schema.NumColumns).Select(c => schema.Column(c).Name));
        var rows = new List<object?[]>();
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            var values = new object?[columns.Length][];
            for (var c = 0; c < columns.Length; c++)
            {
                using var column = group.Column(c);
                values[c] = column.ColumnDescriptor switch
                {
                    { PhysicalType: PhysicalType.ByteArray } => [.. column.LogicalReader<string>().ReadAll(count)],
                    { LogicalType: TimestampLogicalType } => [.. column.LogicalReader<DateTime>().ReadAll(count).Select(t => (object)t.Ticks)],
                    { PhysicalType: PhysicalType.Double, SchemaNode.Repetition: Repetition.Optional } => [.. column.LogicalReader<double?>().ReadAll(count).Select(v => (object?)v)],
                    { PhysicalType: PhysicalType.Double } => [.. column.LogicalReader<double>().ReadAll(count).Select(v => (object)v)],
                    { PhysicalType: PhysicalType.Boolean } => [.. column.LogicalReader<bool>().ReadAll(count).Select(v => (object)v)],
                    { PhysicalType: PhysicalType.Int64 } => [.. column.LogicalReader<long>().ReadAll(count).Select(v => (object)v)],
                    var other => throw new InvalidOperationException($"unexpected column {other.Name}: {other.PhysicalType}"),
                };
            }

            for (var r = 0; r < count; r++)
            {
                rows.Add([.. values.Select(v => v[r])]);
            }
        }

        return rows;
    }

    /// <summary>Every line of a JSONL file as a row; timestamps parsed from their ISO-8601 text.</summary>
    public static List<object?[]> FromJsonl(string path, string[] columns)
    {
        var rows = new List<object?[]>();
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Equal(columns, root.EnumerateObject().Select(p => p.Name));
            rows.Add([.. columns.Select(c => root.GetProperty(c) switch
            {
                { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.True or JsonValueKind.False } v => v.GetBoolean(),
                { ValueKind: JsonValueKind.Number } v when c == "ingest_id" => v.GetInt64(),
                { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
                var v when c is "meter_id" => v.GetString(),
                var v => (object?)DateTimeOffset.ParseExact(v.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks,
            })]);
        }

        return rows;
    }

    private static object? Normalize(object? value) => value switch
    {
        DateTime t => t.Ticks,
        DateTimeOffset t => t.UtcTicks,
        _ => value,
    };
}
