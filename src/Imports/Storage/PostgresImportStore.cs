using MeterGrains.Imports.Csv;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Imports.Storage;

/// <summary>
/// <see cref="IImportStore"/> on PostgreSQL, one transaction per call.
/// Interval energy goes to <c>interval_energy_days</c> (migration 0018), one row per (sub-)meter and UTC day holding the
/// day's intervals as arrays, in one <c>INSERT … ON CONFLICT DO UPDATE</c> that merges in only the intervals a row
/// lacks: a stored interval stands (the same file again, or another value for it, counts as a duplicate), a row is
/// rewritten only when it gains one, and each row's <c>last_added</c> comes back, so the count of new intervals is exact.
/// Two imports of the same day merge correctly: the second waits for the first's row lock and merges into its committed
/// row; rows go in (meter, day) order, so imports that share several days cannot deadlock.
/// Readings go to <c>meter_readings</c> marked
/// <c>late</c> (history that never changed the meter's integrals, as domain.md says of readings older than the reorder
/// window) and with <c>ingest_id</c> 0: a meter grain replays only rows with an ingest id above its snapshot's (≥ 0),
/// so imported history is never replayed into its live integrals. They do not go through the reading store because its
/// ingest ids would make them replayed.
/// </summary>
public sealed class PostgresImportStore(NpgsqlDataSource dataSource, IOptions<ImportOptions> options) : IImportStore
{
    private readonly bool _synchronousCommit = options.Value.SynchronousCommit;

    private const string ReadingColumns =
        "import_power_w, export_power_w, import_register_wh, export_register_wh, voltage_v, current_a, power_factor, frequency_hz";

    // $1, $2: the rows' keys; $3, $5: every row's offsets and energy, concatenated; $4: n + 1 bounds, key i owning
    // elements $4[i] + 1 .. $4[i + 1]. In the merge the stored copy of an offset (source 0) wins over the import's.
    private const string UpsertEnergySql = """
        INSERT INTO interval_energy_days AS d (meter_id, day_start, offsets, energy_wh, last_added)
        SELECT m, t, $3[$4[i] + 1 : $4[i + 1]], $5[$4[i] + 1 : $4[i + 1]], $4[i + 1] - $4[i]
        FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS u(m, t, i)
        ON CONFLICT (meter_id, day_start) DO UPDATE
            SET (offsets, energy_wh, last_added, imported_at) = (
                SELECT array_agg(o ORDER BY o), array_agg(e ORDER BY o), count(*) FILTER (WHERE source = 1), now()
                FROM (SELECT DISTINCT ON (o) o, e, source
                      FROM (SELECT o, e, 0 AS source FROM unnest(d.offsets, d.energy_wh) AS stored(o, e)
                            UNION ALL
                            SELECT o, e, 1 FROM unnest(EXCLUDED.offsets, EXCLUDED.energy_wh) AS imported(o, e)) AS both_copies
                      ORDER BY o, source) AS merged)
            WHERE NOT (EXCLUDED.offsets <@ d.offsets)
        RETURNING last_added
        """;

    private const string CreateReadingStagingSql = """
        CREATE TEMP TABLE imported_readings_staging (
            ts timestamptz NOT NULL,
            import_power_w double precision, export_power_w double precision,
            import_register_wh double precision, export_register_wh double precision,
            voltage_v double precision, current_a double precision, power_factor double precision, frequency_hz double precision
        ) ON COMMIT DROP
        """;

    private const string CopyReadingsSql = $"COPY imported_readings_staging (ts, {ReadingColumns}) FROM STDIN (FORMAT BINARY)";

    private const string InsertReadingsSql = $"""
        INSERT INTO meter_readings (meter_id, ts, {ReadingColumns}, late, ingest_id, received_at)
        SELECT $1, ts, {ReadingColumns}, true, 0, now() FROM imported_readings_staging
        ON CONFLICT (meter_id, ts) DO NOTHING
        """;

    private const string EnsurePartitionsSql = "SELECT ensure_meter_reading_partitions(d, d) FROM unnest($1::date[]) AS d";

    public async ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var days = IntervalDays.Group(rows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One statement commits on its own; only SET LOCAL needs a transaction (Npgsql sends BEGIN with the batch).
        await using var transaction = _synchronousCommit ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (!_synchronousCommit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        var upsert = new NpgsqlBatchCommand(UpsertEnergySql);
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = days.MeterIds });
        upsert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = days.DayStarts });
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = days.Offsets });
        upsert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = days.Bounds });
        upsert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = days.EnergyWh });
        batch.BatchCommands.Add(upsert);

        // Prepared once per pooled physical connection (Npgsql keeps prepared statements across Open/Close), so the
        // server parses and plans the upsert once per connection, not once per import; later calls cost nothing.
        await batch.PrepareAsync(cancellationToken);

        var added = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    added += reader.GetInt32(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return added;
    }

    public async ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken)
    {
        if (readings.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Partitions first and outside the transaction, as the reading store does: creating one locks meter_readings.
        var days = readings.Select(r => DateOnly.FromDateTime(r.Timestamp.UtcDateTime)).Distinct().ToArray();
        await using (var partitions = new NpgsqlCommand(EnsurePartitionsSql, connection))
        {
            partitions.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = days });
            await partitions.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, _synchronousCommit ? CreateReadingStagingSql : $"SET LOCAL synchronous_commit = off; {CreateReadingStagingSql}", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyReadingsSql, cancellationToken))
        {
            foreach (var reading in readings)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(ToMicroseconds(reading.Timestamp), NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(importer, reading.ImportPowerW, cancellationToken);
                await WriteAsync(importer, reading.ExportPowerW, cancellationToken);
                await WriteAsync(importer, reading.ImportRegisterWh, cancellationToken);
                await WriteAsync(importer, reading.ExportRegisterWh, cancellationToken);
                await WriteAsync(importer, reading.VoltageV, cancellationToken);
                await WriteAsync(importer, reading.CurrentA, cancellationToken);
                await WriteAsync(importer, reading.PowerFactor, cancellationToken);
                await WriteAsync(importer, reading.FrequencyHz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(InsertReadingsSql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Double, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    // PostgreSQL keeps microseconds; truncate as the wire format would.
    private static DateTime ToMicroseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
