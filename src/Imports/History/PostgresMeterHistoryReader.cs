using MeterGrains.Analytics.Series;
using Npgsql;

namespace MeterGrains.Imports.History;

/// <summary><see cref="IMeterHistoryReader"/> on <c>interval_energy_days</c> (0018) and <c>meter_buckets</c> (0005).</summary>
public sealed class PostgresMeterHistoryReader(NpgsqlDataSource dataSource) : IMeterHistoryReader
{
    // The day rows, not the interval_energy view: the planner cannot turn a bound on interval_start into one on
    // day_start, so through the view it would unnest every day of the meter. The latest interval is the last offset of
    // the latest day (offsets ascend); only days that can hold an interval in the window are read and unnested.
    private const string IntervalEnergySql = """
        WITH latest AS (
            SELECT day_start + offsets[cardinality(offsets)] * interval '1 microsecond' AS t
            FROM interval_energy_days WHERE meter_id = $1 ORDER BY day_start DESC LIMIT 1)
        SELECT date_bin('1 hour', d.day_start + i.offset_us * interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') AS hour,
               sum(i.energy_wh)
        FROM latest, interval_energy_days d CROSS JOIN LATERAL unnest(d.offsets, d.energy_wh) AS i(offset_us, energy_wh)
        WHERE d.meter_id = $1 AND d.day_start > latest.t - $2::interval - interval '24 hours'
          AND d.day_start + i.offset_us * interval '1 microsecond' > latest.t - $2::interval
        GROUP BY hour ORDER BY hour
        """;

    // Only hours whose four quarter-hours are stored and complete: a gap or the open hour would read as low energy.
    private const string BucketsSql = """
        WITH latest AS (SELECT max(bucket_start) AS t FROM meter_buckets WHERE meter_id = $1)
        SELECT date_bin('1 hour', b.bucket_start, timestamptz '2000-01-01 00:00:00+00') AS hour, sum(b.import_wh - b.export_wh)
        FROM meter_buckets b, latest
        WHERE b.meter_id = $1 AND b.bucket_start > latest.t - $2::interval
        GROUP BY hour HAVING count(*) = 4 AND bool_and(b.complete) ORDER BY hour
        """;

    public async Task<MeterHistory?> ReadHourlyAsync(string meterId, TimeSpan window, CancellationToken cancellationToken)
    {
        var energy = await ReadAsync(IntervalEnergySql, meterId, window, cancellationToken);
        if (energy.Length > 0)
        {
            return new MeterHistory(MeterHistory.EnergyWh, energy);
        }

        var buckets = await ReadAsync(BucketsSql, meterId, window, cancellationToken);
        return buckets.Length > 0 ? new MeterHistory(MeterHistory.NetEnergyWh, buckets) : null;
    }

    private async Task<HourlyValue[]> ReadAsync(string sql, string meterId, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = window });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hours = new List<HourlyValue>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hours.Add(new HourlyValue(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDouble(1)));
        }

        return hours.ToArray();
    }
}
