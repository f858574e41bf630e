using Npgsql;

namespace MeterGrains.Api.Privacy;

/// <summary>Pseudonyms in the <c>pseudonyms</c> table (migration 0011).</summary>
public sealed class PostgresPseudonymStore(NpgsqlDataSource dataSource) : IPseudonymStore
{
    private const string RecordSql = """
        INSERT INTO pseudonyms (pseudonym, id) SELECT * FROM unnest($1::text[], $2::text[])
        ON CONFLICT (pseudonym) DO NOTHING
        """;

    private const string FindSql = "SELECT id FROM pseudonyms WHERE pseudonym = $1";

    public async Task RecordAsync(IReadOnlyCollection<IssuedPseudonym> issued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        if (issued.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. issued.Select(i => i.Pseudonym)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. issued.Select(i => i.Id)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> FindIdAsync(string pseudonym, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pseudonym });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
