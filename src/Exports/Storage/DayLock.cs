using Npgsql;

namespace MeterGrains.Exports.Storage;

/// <summary>
/// A PostgreSQL session-level advisory lock on one UTC day, held on its own connection: whoever holds it exports that
/// day or drops its partition, on whichever silo. It dies with the session, so a silo that crashes releases it.
/// </summary>
public sealed class DayLock : IAsyncDisposable
{
    /// <summary>The first key of the two-key advisory lock ("MGEx"); the second is the day's number.</summary>
    public const int LockSpace = 0x4D47_4578;

    private readonly NpgsqlConnection _connection;
    private readonly int _day;

    private DayLock(NpgsqlConnection connection, int day)
    {
        _connection = connection;
        _day = day;
    }

    /// <summary>The lock, or null when another session holds it (that one is working on the day).</summary>
    public static async Task<DayLock?> TryAcquireAsync(NpgsqlDataSource dataSource, DateOnly day, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockSpace });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.DayNumber });
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return new DayLock(connection, day.DayNumber);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The lock dies with the session anyway; unlocking returns a clean connection to the pool.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", _connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockSpace });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _day });
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
