using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Meters;
using Npgsql;

namespace MeterGrains.Bench;

/// <summary>
/// A variant for comparison: interval energy as arrays in one INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING;
/// with <paramref name="sorted"/> the rows go in primary-key order (sub-meter, then time), so the index grows at one
/// end per sub-meter instead of hopping between the channels of each timestamp.
/// </summary>
internal sealed class UnnestImportStore(NpgsqlDataSource dataSource, bool synchronousCommit, bool sorted = false) : IImportStore
{
    private const string InsertSql = """
        INSERT INTO interval_energy (meter_id, interval_start, energy_wh)
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[])
        ON CONFLICT (meter_id, interval_start) DO NOTHING
        """;

    public async ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (!synchronousCommit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        if (sorted)
        {
            rows = [.. rows.OrderBy(r => r.MeterId, StringComparer.Ordinal).ThenBy(r => r.Start)];
        }

        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.MeterId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = rows.Select(r => r.Start.UtcDateTime).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(r => r.EnergyWh).ToArray() });
        batch.BatchCommands.Add(insert);
        if (!synchronousCommit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return insert.RecordsAffected;
    }

    public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
