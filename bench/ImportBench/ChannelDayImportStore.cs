using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Meters;
using Npgsql;

namespace MeterGrains.Bench;

/// <summary>
/// An experiment, not a schema: interval energy as one row per sub-meter and UTC day (<c>interval_energy_days</c>,
/// made by the bench only) holding the day's intervals as two arrays, their starts in seconds after midnight (ascending)
/// and their energy, so the 2,880 rows become 120. Idempotent like <c>interval_energy</c>: a stored interval
/// stands, an import adds only intervals the row lacks, and a row is rewritten only when it gains one. <c>added</c>
/// says how many the last write added, so the store still answers how many intervals were new.
/// </summary>
internal sealed class ChannelDayImportStore(NpgsqlDataSource dataSource) : IImportStore
{
    public const string CreateTableSql = """
        CREATE TABLE interval_energy_days (
            meter_id   text               NOT NULL CHECK (length(meter_id) BETWEEN 1 AND 64),
            day_start  timestamptz        NOT NULL,
            offsets    integer[]          NOT NULL,
            energy_wh  double precision[] NOT NULL,
            added      integer            NOT NULL,
            CHECK (cardinality(offsets) = cardinality(energy_wh)),
            PRIMARY KEY (meter_id, day_start)
        )
        """;

    // $4 holds n + 1 bounds: key i owns elements bounds[i] + 1 .. bounds[i + 1] of $3 and $5.
    private const string UpsertSql = """
        INSERT INTO interval_energy_days AS d (meter_id, day_start, offsets, energy_wh, added)
        SELECT m, t, $3[$4[i] + 1 : $4[i + 1]], $5[$4[i] + 1 : $4[i + 1]], $4[i + 1] - $4[i]
        FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS u(m, t, i)
        ON CONFLICT (meter_id, day_start) DO UPDATE
            SET (offsets, energy_wh, added) = (
                SELECT array_agg(o ORDER BY o), array_agg(e ORDER BY o), count(*) FILTER (WHERE source = 1)
                FROM (SELECT DISTINCT ON (o) o, e, source
                      FROM (SELECT o, e, 0 AS source FROM unnest(d.offsets, d.energy_wh) AS x(o, e)
                            UNION ALL
                            SELECT o, e, 1 FROM unnest(EXCLUDED.offsets, EXCLUDED.energy_wh) AS y(o, e)) AS both_rows
                      ORDER BY o, source) AS merged)
            WHERE NOT (EXCLUDED.offsets <@ d.offsets)
        RETURNING added
        """;

    public async ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
    {
        // The first copy of an interval in the file stands, as with ON CONFLICT DO NOTHING row by row.
        var days = new SortedDictionary<(string Meter, DateTime Day), SortedDictionary<int, double>>();
        foreach (var row in rows)
        {
            var utc = row.Start.UtcDateTime;
            var key = (row.MeterId, utc.Date);
            if (!days.TryGetValue(key, out var intervals))
            {
                days[key] = intervals = [];
            }

            intervals.TryAdd((int)(utc - utc.Date).TotalSeconds, row.EnergyWh);
        }

        var bounds = new int[days.Count + 1];
        var i = 0;
        foreach (var intervals in days.Values)
        {
            bounds[i + 1] = bounds[i] + intervals.Count;
            i++;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(UpsertSql, connection);
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. days.Keys.Select(k => k.Meter)] });
        upsert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. days.Keys.Select(k => DateTime.SpecifyKind(k.Day, DateTimeKind.Utc))] });
        upsert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. days.Values.SelectMany(d => d.Keys)] });
        upsert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = bounds });
        upsert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. days.Values.SelectMany(d => d.Values)] });
        var added = 0;
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            added += reader.GetInt32(0);
        }

        return added;
    }

    public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
