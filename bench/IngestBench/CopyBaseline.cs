using System.Diagnostics;
using Npgsql;

namespace MeterGrains.Bench;

/// <summary>
/// The baseline for batched ingest: the rows the pipeline stored, taken out as binary COPY data, the table emptied, and
/// the same bytes put back with one binary <c>COPY ... FROM STDIN</c>: the same rows into the same (partitioned,
/// logged, indexed) table, with none of MeterGrains' work.
/// </summary>
public static class CopyBaseline
{
    public sealed record Result(long Rows, double Seconds)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    public static async Task<Result> RunAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        using var rows = new MemoryStream();
        await using (var export = await connection.BeginRawBinaryCopyAsync("COPY (SELECT * FROM meter_readings) TO STDOUT (FORMAT BINARY)"))
        {
            await export.CopyToAsync(rows);
        }

        await using (var truncate = new NpgsqlCommand("TRUNCATE meter_readings", connection))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        rows.Position = 0;
        await using (var import = await connection.BeginRawBinaryCopyAsync("COPY meter_readings FROM STDIN (FORMAT BINARY)"))
        {
            await rows.CopyToAsync(import);
        }

        watch.Stop();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM meter_readings", connection);
        return new Result((long)(await count.ExecuteScalarAsync())!, watch.Elapsed.TotalSeconds);
    }
}
