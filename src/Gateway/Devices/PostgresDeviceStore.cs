using Npgsql;

namespace MeterGrains.Gateway.Devices;

/// <summary>The device registry in the <c>devices</c> and <c>device_meters</c> tables (migration 0008).</summary>
public sealed class PostgresDeviceStore(NpgsqlDataSource dataSource) : IDeviceStore
{
    private const string InsertDeviceSql = """
        INSERT INTO devices (device_id, family, password_salt, password_hash, password_iterations, created_at, credentials_issued_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (device_id) DO NOTHING
        """;

    private const string InsertMetersSql = """
        INSERT INTO device_meters (meter_id, device_id) SELECT unnest($1::text[]), $2
        ON CONFLICT (meter_id) DO NOTHING
        RETURNING meter_id
        """;

    private const string SelectSql = """
        SELECT d.family, d.password_salt, d.password_hash, d.password_iterations, d.created_at, d.credentials_issued_at,
               array(SELECT m.meter_id FROM device_meters m WHERE m.device_id = d.device_id ORDER BY m.meter_id)
        FROM devices d WHERE d.device_id = $1
        """;

    private const string UpdatePasswordSql = """
        UPDATE devices SET password_salt = $2, password_hash = $3, password_iterations = $4, credentials_issued_at = $5
        WHERE device_id = $1
        """;

    private const string FindByMeterSql = """
        SELECT device_id FROM device_meters WHERE meter_id = $1
        UNION ALL
        SELECT device_id FROM devices WHERE family <> 'generic' AND device_id = ANY($2)
        LIMIT 1
        """;

    private const string DeleteSql = "DELETE FROM devices WHERE device_id = $1";

    public async ValueTask<DeviceAddResult> AddAsync(RegisteredDevice device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var insert = new NpgsqlCommand(InsertDeviceSql, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DeviceFamilyNames.ToName(device.Family) });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = device.Password.Salt });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = device.Password.Hash });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = device.Password.Iterations });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = device.CreatedAt.ToUniversalTime() });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = device.CredentialsIssuedAt.ToUniversalTime() });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return DeviceAddResult.Refused($"device '{device.DeviceId}' is already registered");
            }
        }

        if (device.Meters.Count > 0)
        {
            await using var meters = new NpgsqlCommand(InsertMetersSql, connection, transaction);
            meters.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. device.Meters] });
            meters.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceId });
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await meters.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed.Add(reader.GetString(0));
                }
            }

            if (device.Meters.FirstOrDefault(m => !claimed.Contains(m)) is { } taken)
            {
                await transaction.RollbackAsync(cancellationToken);
                return DeviceAddResult.Refused($"meter '{taken}' already belongs to another device");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return DeviceAddResult.Success;
    }

    public async ValueTask<RegisteredDevice?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var family = DeviceFamilyNames.Parse(reader.GetString(0))
            ?? throw new InvalidOperationException($"devices.family of '{deviceId}' is '{reader.GetString(0)}', not a known family");
        return new RegisteredDevice(
            deviceId,
            family,
            reader.GetFieldValue<string[]>(6),
            new PasswordHash(reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2), reader.GetInt32(3)),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5));
    }

    public async ValueTask<RegisteredDevice?> FindByMeterAsync(string meterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindByMeterSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. DeviceRules.ShellyDeviceCandidates(meterId)] });
        return await command.ExecuteScalarAsync(cancellationToken) is string deviceId ? await GetAsync(deviceId, cancellationToken) : null;
    }

    public async ValueTask<bool> ReplacePasswordAsync(string deviceId, PasswordHash password, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        await using var command = dataSource.CreateCommand(UpdatePasswordSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = password.Salt });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = password.Hash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = password.Iterations });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = issuedAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
