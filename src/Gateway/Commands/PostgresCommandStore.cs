using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Gateway.Commands;

/// <summary>Commands in the <c>device_commands</c> table (migration 0009).</summary>
public sealed class PostgresCommandStore(NpgsqlDataSource dataSource) : ICommandStore
{
    private const string InsertSql = """
        INSERT INTO device_commands (id, meter_id, device_id, family, name, args, topic, payload, reply_key, status, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)
        """;

    private const string SelectSql = """
        SELECT id, meter_id, device_id, family, name, args::text, topic, payload, status, reason, created_at, sent_at, completed_at
        FROM device_commands WHERE id = $1
        """;

    // SKIP LOCKED: several gateway silos poll at once, and each command is claimed by exactly one of them. A gateway with
    // only an embedded broker names the devices connected to it ($3); one that reaches every device passes null.
    private const string ClaimSql = """
        UPDATE device_commands SET status = 'sent', sent_at = $2
        WHERE id IN (SELECT id FROM device_commands WHERE status = 'pending' AND ($3::text[] IS NULL OR device_id = ANY($3))
                     ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, device_id, topic, payload
        """;

    private const string PendingDevicesSql = """
        SELECT device_id FROM device_commands WHERE status = 'pending' GROUP BY device_id ORDER BY min(created_at) LIMIT $1
        """;

    private const string FailUnclaimedSql = """
        UPDATE device_commands SET status = 'failed', reason = $2, completed_at = $3 WHERE status = 'pending' AND created_at < $1
        """;

    private const string FailSql = "UPDATE device_commands SET status = 'failed', reason = $2, completed_at = $3 WHERE id = $1";

    private const string CompleteSql = """
        UPDATE device_commands SET status = $2, reason = $3, completed_at = $4
        WHERE reply_key = $1 AND status = 'sent'
        """;

    private const string ExpireSql = """
        UPDATE device_commands SET status = 'failed', reason = $3, completed_at = $4
        WHERE status = 'sent' AND family = $1 AND sent_at < $2
        """;

    public async ValueTask<int> ExpireAsync(string family, DateTimeOffset sentBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ExpireSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = family });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<long> NextRpcIdAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT nextval('device_command_rpc_ids')");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask AddAsync(StoredCommand command, string replyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var insert = dataSource.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.MeterId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.DeviceId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Family });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Name });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Args, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Topic });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = command.Payload });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = replyKey });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = command.CreatedAt.ToUniversalTime() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<StoredCommand?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredCommand(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetString(7), reader.GetString(8),
            await reader.IsDBNullAsync(9, cancellationToken) ? null : reader.GetString(9),
            reader.GetFieldValue<DateTimeOffset>(10),
            await reader.IsDBNullAsync(11, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(11),
            await reader.IsDBNullAsync(12, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(12));
    }

    public async ValueTask<IReadOnlyList<string>> PendingDevicesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PendingDevicesSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var devices = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(reader.GetString(0));
        }

        return devices;
    }

    public async ValueTask<IReadOnlyList<PendingCommand>> ClaimPendingAsync(
        int limit, IReadOnlyCollection<string>? deviceIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = deviceIds is null ? DBNull.Value : deviceIds.ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        var claimed = new List<PendingCommand>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new PendingCommand(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return claimed;
    }

    public async ValueTask<int> FailUnclaimedAsync(DateTimeOffset createdBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FailUnclaimedSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = createdBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask FailAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FailSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> CompleteAsync(CommandReply reply, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        await using var command = dataSource.CreateCommand(CompleteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reply.ReplyKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reply.Succeeded ? CommandStatuses.Acknowledged : CommandStatuses.Failed });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = reply.Reason, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
