using Npgsql;

namespace MeterGrains.Alerts;

/// <summary>Alerts in the <c>alerts</c> table (migration 0006).</summary>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string AppendSql = """
        INSERT INTO alerts (ts, kind, subject, severity, message) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (subject, kind, ts) DO NOTHING
        """;

    private const string ReadSql = """
        SELECT ts, kind, subject, severity, message FROM alerts
        WHERE ts >= $1 AND ts < $2 AND ($3::text IS NULL OR subject = $3) AND ($4::text IS NULL OR kind = $4)
        ORDER BY ts, id LIMIT $5
        """;

    public async ValueTask<bool> AppendAsync(Alert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var command = dataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = alert.Ts.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Subject });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Severity });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Message });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async ValueTask<IReadOnlyList<Alert>> ReadAsync(AlertQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.To.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(ct))
        {
            alerts.Add(new Alert(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(0)));
        }

        return alerts;
    }
}
