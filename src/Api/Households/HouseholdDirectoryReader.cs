using MeterGrains.Api.Cohorts;
using Npgsql;

namespace MeterGrains.Api.Households;

/// <summary>
/// Pages of the <c>household_directory</c> (0015, written by the household grain on every PUT), in the order of the key
/// the caller names households by: ids for operators, pseudonyms for processing apps (read through the
/// <c>pseudonyms</c> record of 0011, so the order says nothing about the ids behind them).
/// </summary>
public sealed class HouseholdDirectoryReader(NpgsqlDataSource dataSource)
{
    private const string Filter = "($3::text IS NULL OR d.type = $3) AND ($4::integer IS NULL OR d.occupants = $4)";

    private const string ByIdSql = $"""
        SELECT d.household_id, d.household_id, d.type, d.occupants, d.time_zone
        FROM household_directory d
        WHERE ($1::text IS NULL OR d.household_id > $1) AND {Filter}
        ORDER BY d.household_id LIMIT $2
        """;

    private const string ByPseudonymSql = $"""
        SELECT p.pseudonym, d.household_id, d.type, d.occupants, d.time_zone
        FROM pseudonyms p JOIN household_directory d ON d.household_id = p.id
        WHERE ($1::text IS NULL OR p.pseudonym > $1) AND {Filter}
        ORDER BY p.pseudonym LIMIT $2
        """;

    /// <summary>Up to <paramref name="limit"/> households after <paramref name="after"/> in id order, each keyed by its id.</summary>
    public Task<IReadOnlyList<DirectoryRow>> ReadByIdAsync(string? after, int limit, CohortFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(ByIdSql, after, limit, filter, cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> households after <paramref name="after"/> in pseudonym order, each keyed by a
    /// recorded pseudonym (the caller checks it against the current secret).
    /// </summary>
    public Task<IReadOnlyList<DirectoryRow>> ReadByPseudonymAsync(string? after, int limit, CohortFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(ByPseudonymSql, after, limit, filter, cancellationToken);

    private async Task<IReadOnlyList<DirectoryRow>> ReadAsync(string sql, string? after, int limit, CohortFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Occupants ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DirectoryRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DirectoryRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>A directory row and the key it was paged by (the id itself, or a pseudonym of it).</summary>
    public sealed record DirectoryRow(string Key, string HouseholdId, string Type, int Occupants, string TimeZone);
}
