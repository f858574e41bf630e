using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Exports.Storage;

/// <summary>The <c>exports</c> table (migration 0016): which kind of which day was exported, how, and with how many rows.</summary>
public sealed class ExportLedger(NpgsqlDataSource dataSource)
{
    private const string Columns = "kind, day, format, row_count, path, bytes, sha256, exported_at, exported_by";

    /// <summary>Records a file, replacing the record of an earlier export of the same kind, day and format.</summary>
    public async Task RecordAsync(ExportRecord record, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO exports ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (kind, day, format) DO UPDATE SET row_count = EXCLUDED.row_count, path = EXCLUDED.path,
                bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, exported_at = EXCLUDED.exported_at, exported_by = EXCLUDED.exported_by
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = record.Kind });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = record.Day, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Format });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.Rows });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Path });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.Bytes });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Sha256 });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.ExportedAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.ExportedBy });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The records of days <paramref name="from"/>..<paramref name="to"/> (both included), newest day first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ExportRecord>> ListAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM exports WHERE day BETWEEN $1 AND $2 ORDER BY day DESC, kind DESC, format LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Every record of one day, in any format.</summary>
    public async Task<IReadOnlyList<ExportRecord>> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM exports WHERE day = $1 ORDER BY kind DESC, format");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = day, NpgsqlDbType = NpgsqlDbType.Date });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The days that have every kind exported in <paramref name="format"/>.</summary>
    public async Task<IReadOnlySet<DateOnly>> CompleteDaysAsync(string format, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT day FROM exports WHERE format = $1 GROUP BY day HAVING count(DISTINCT kind) = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = format });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ExportKinds.All.Count });
        var days = new HashSet<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return days;
    }

    private static async Task<IReadOnlyList<ExportRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<ExportRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ExportRecord(
                reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8)));
        }

        return records;
    }
}
