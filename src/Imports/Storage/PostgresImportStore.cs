using MeterGrains.Imports.Csv;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Imports.Storage;

/// <summary>
/// <see cref="IImportStore"/> on PostgreSQL: binary COPY into a temporary staging table, then one
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>, in one transaction per call.
/// Interval energy goes to <c>interval_energy</c> (migration 0014). Readings go to <c>meter_readings</c> marked
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

    private const string CreateEnergyStagingSql = """
        CREATE TEMP TABLE interval_energy_staging (meter_id text NOT NULL, interval_start timestamptz NOT NULL, energy_wh double precision NOT NULL)
        ON COMMIT DROP
        """;

    private const string CopyEnergySql = "COPY interval_energy_staging (meter_id, interval_start, energy_wh) FROM STDIN (FORMAT BINARY)";

    private const string InsertEnergySql = """
        INSERT INTO interval_energy (meter_id, interval_start, energy_wh)
        SELECT meter_id, interval_start, energy_wh FROM interval_energy_staging
        ON CONFLICT (meter_id, interval_start) DO NOTHING
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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, _synchronousCommit ? CreateEnergyStagingSql : $"SET LOCAL synchronous_commit = off; {CreateEnergyStagingSql}", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyEnergySql, cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.MeterId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(ToMicroseconds(row.Start), NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(row.EnergyWh, NpgsqlDbType.Double, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        var inserted = await ExecuteAsync(connection, InsertEnergySql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
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
