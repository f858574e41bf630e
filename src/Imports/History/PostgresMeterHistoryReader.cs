using MeterGrains.Analytics.Series;
using Npgsql;

namespace MeterGrains.Imports.History;

/// <summary><see cref="IMeterHistoryReader"/> on <c>interval_energy</c> (0014) and <c>meter_buckets</c> (0005).</summary>
public sealed class PostgresMeterHistoryReader(NpgsqlDataSource dataSource) : IMeterHistoryReader
{
    private const string IntervalEnergySql = """
        WITH latest AS (SELECT max(interval_start) AS t FROM interval_energy WHERE meter_id = $1)
        SELECT date_bin('1 hour', e.interval_start, timestamptz '2000-01-01 00:00:00+00') AS hour, sum(e.energy_wh)
        FROM interval_energy e, latest
        WHERE e.meter_id = $1 AND e.interval_start > latest.t - $2::interval
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
