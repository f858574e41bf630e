using System.Globalization;
using Npgsql;

namespace MeterGrains.Bench;

/// <summary>
/// Where PostgreSQL's time goes during the measured run, from <c>pg_stat_statements</c> when the server loads it
/// (<c>shared_preload_libraries</c>); without it the bench says nothing about statements.
/// </summary>
public static class PostgresStatements
{
    /// <summary>Installs the extension in the bench database and clears its counts; false when the server lacks it.</summary>
    public static async Task<bool> ResetAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The statements that took the most time in this database, per acknowledged reading.</summary>
    public static async Task<string> TopAsync(string connectionString, long readings)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, rows, regexp_replace(left(query, 90), '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 8
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string> { "PostgreSQL statements by time (pg_stat_statements, measured run):" };
        while (await reader.ReadAsync())
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {reader.GetDouble(1) / 1000,7:0.0} s  {reader.GetDouble(1) * 1000 / Math.Max(1, readings),6:0} µs/reading  {reader.GetInt64(0),8:N0} calls  {reader.GetInt64(2),9:N0} rows  {reader.GetString(3)}"));
        }

        return string.Join('\n', lines);
    }
}
