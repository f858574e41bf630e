using System.Globalization;
using Npgsql;

namespace MeterGrains.Api.Cohorts;

/// <summary>
/// Cohort energy in one SQL statement: the <c>household_directory</c> (0015) joined to <c>meter_buckets</c> (0005),
/// summed per household and bucket (the household energy of domain.md: grid import and export, production as import
/// plus export of production meters), then averaged over the households. A household counts in a bucket when one of
/// its grid meters has a stored quarter-hour in it. Days are read from the daily rollup <c>meter_daily_energy</c> (0015,
/// kept by a trigger on <c>meter_buckets</c>), 96 times fewer rows.
/// </summary>
public sealed class CohortEnergyReader(NpgsqlDataSource dataSource)
{
    private const string ReadSqlTemplate = """
        WITH per_household AS (
            SELECT d.household_id,
                   d.occupants,
                   date_bin($3, b.bucket_start, timestamptz '2000-01-01 00:00:00+00') AS start,
                   coalesce(sum(b.import_wh) FILTER (WHERE b.meter_id = ANY (d.grid_meter_ids)), 0) AS import_wh,
                   coalesce(sum(b.export_wh) FILTER (WHERE b.meter_id = ANY (d.grid_meter_ids)), 0) AS export_wh,
                   coalesce(sum(b.import_wh + b.export_wh) FILTER (WHERE b.meter_id = ANY (d.production_meter_ids)), 0) AS production_wh
            FROM household_directory d
            JOIN {0} b ON b.meter_id = ANY (d.grid_meter_ids || d.production_meter_ids)
            WHERE b.bucket_start >= $1 AND b.bucket_start < $2
              AND ($4::text IS NULL OR d.type = $4)
              AND ($5::integer IS NULL OR d.occupants = $5)
            GROUP BY d.household_id, d.occupants, 3
            HAVING bool_or(b.meter_id = ANY (d.grid_meter_ids))
        )
        SELECT start,
               count(*)::integer,
               sum(occupants)::bigint,
               avg(import_wh),
               avg(export_wh),
               avg(production_wh),
               avg(import_wh - export_wh + production_wh),
               sum(import_wh - export_wh + production_wh) / sum(occupants)
        FROM per_household
        GROUP BY start
        ORDER BY start
        """;

    /// <summary>
    /// No JIT for this statement: compiling it took 260 of 720 ms for 10,000 households × 30 days (bench/CohortBench),
    /// more than it saves on 300,000 rows.
    /// </summary>
    private const string NoJitSql = "SET LOCAL jit = off";

    private static readonly string QuarterHourSql = string.Format(CultureInfo.InvariantCulture, ReadSqlTemplate, "meter_buckets");
    private static readonly string DailySql = string.Format(CultureInfo.InvariantCulture, ReadSqlTemplate, "meter_daily_energy");

    /// <summary>The buckets of <paramref name="size"/> (15 minutes, 1 hour or 1 day) (UTC-aligned) in [<paramref name="from"/>, <paramref name="to"/>) that hold data, oldest first.</summary>
    public async Task<IReadOnlyList<CohortBucketTotals>> ReadAsync(
        CohortFilter filter, DateTimeOffset from, DateTimeOffset to, TimeSpan size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var noJit = new NpgsqlCommand(NoJitSql, connection, transaction))
        {
            await noJit.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(size == TimeSpan.FromDays(1) ? DailySql : QuarterHourSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = size });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Occupants ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });

        var rows = new List<CohortBucketTotals>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CohortBucketTotals(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetDouble(3),
                reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)));
        }

        return rows;
    }
}
