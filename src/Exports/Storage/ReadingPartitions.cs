using System.Globalization;
using Npgsql;

namespace MeterGrains.Exports.Storage;

/// <summary>The daily partitions of <c>meter_readings</c> (<c>meter_readings_pYYYYMMDD</c>, migration 0005).</summary>
public sealed class ReadingPartitions(NpgsqlDataSource dataSource)
{
    private const string Prefix = "meter_readings_p";

    /// <summary>The days that have a partition, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'meter_readings'::regclass
            """;
        var days = new List<DateOnly>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (DayOf(reader.GetString(0)) is { } day)
            {
                days.Add(day);
            }
        }

        days.Sort();
        return days;
    }

    /// <summary>
    /// Drops the day's partition if it holds exactly <paramref name="expectedRows"/> rows, and returns the rows it
    /// holds (null when there is no such partition). The count and the drop run in one transaction that first locks the
    /// partition against writes, so no reading can slip in between; other days' partitions are not blocked.
    /// </summary>
    public async Task<(long? Rows, bool Dropped)> DropIfRowsAsync(DateOnly day, IReadOnlySet<long> expectedRows, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var name = NameOf(day);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ScalarAsync<string>(connection, "SELECT to_regclass($1)::text", cancellationToken, name) is null)
        {
            return (null, false);
        }

        // The name is built from a date above; identifiers cannot be parameters.
        await ExecuteAsync(connection, $"SET LOCAL lock_timeout = {(int)lockTimeout.TotalMilliseconds}", cancellationToken);
        await ExecuteAsync(connection, $"LOCK TABLE {name} IN SHARE MODE", cancellationToken);
        var rows = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {name}", cancellationToken);
        if (!expectedRows.Contains(rows))
        {
            await transaction.RollbackAsync(cancellationToken);
            return (rows, false);
        }

        await ExecuteAsync(connection, $"DROP TABLE {name}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (rows, true);
    }

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly? DayOf(string partitionName) =>
        partitionName.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(partitionName[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, string? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken) is T value ? value : default;
    }
}
