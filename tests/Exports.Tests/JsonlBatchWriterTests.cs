using System.Data;
using System.Text;
using MeterGrains.Exports.Files;

namespace MeterGrains.Exports.Tests;

public sealed class JsonlBatchWriterTests
{
    [Fact]
    public async Task A_row_is_one_line_with_every_column_nulls_included_and_UTC_microsecond_timestamps()
    {
        var table = ExportTable.Buckets;
        var rows = new DataTable();
        rows.Columns.Add("meter_id", typeof(string));
        rows.Columns.Add("bucket_start", typeof(DateTime));
        rows.Columns.Add("import_wh", typeof(double));
        rows.Columns.Add("export_wh", typeof(double));
        rows.Columns.Add("register_import_wh", typeof(double));
        rows.Columns.Add("register_export_wh", typeof(double));
        rows.Columns.Add("complete", typeof(bool));
        rows.Columns.Add("updated_at", typeof(DateTime));
        // 123456 ticks of 100 ns (12.3456 ms) after 10:15:00.500 is 10:15:00.5123456; six fractional digits: .512345 (the 7th is below a microsecond).
        var updated = new DateTime(2026, 11, 22, 10, 15, 0, 500, DateTimeKind.Utc).AddTicks(123_456);
        rows.Rows.Add("m1", new DateTime(2026, 11, 22, 10, 15, 0, DateTimeKind.Utc), 150.25, 0.0, DBNull.Value, 12.5, true, updated);
        rows.Rows.Add("m2", new DateTime(2026, 11, 22, 10, 30, 0, DateTimeKind.Utc), 1e-7, 3.0, 4.0, DBNull.Value, false, updated);
        var batch = new RowBatch(table.Columns, 10);
        using (var reader = rows.CreateDataReader())
        {
            while (reader.Read())
            {
                batch.Add(reader);
            }
        }

        using var output = new MemoryStream();
        await using (var writer = new JsonlBatchWriter(output))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(
            """
            {"meter_id":"m1","bucket_start":"2026-11-22T10:15:00.000000Z","import_wh":150.25,"export_wh":0,"register_import_wh":null,"register_export_wh":12.5,"complete":true,"updated_at":"2026-11-22T10:15:00.512345Z"}
            {"meter_id":"m2","bucket_start":"2026-11-22T10:30:00.000000Z","import_wh":1E-07,"export_wh":3,"register_import_wh":4,"register_export_wh":null,"complete":false,"updated_at":"2026-11-22T10:15:00.512345Z"}

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(output.ToArray()));
    }
}
