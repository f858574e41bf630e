using System.Text.RegularExpressions;
using MeterGrains.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>A fresh, uniquely named database per test or fixture, so tests never share state.</summary>
public static partial class TestDatabase
{
    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateAsync(string prefix)
    {
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException("Use 1-20 lowercase letters, digits or underscores.", nameof(prefix));
        }

        var admin = await PostgresServer.GetAdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            // The name is generated and validated above; identifiers cannot be bound as parameters.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database and applies every migration to it.</summary>
    public static async Task<string> CreateMigratedAsync(string prefix)
    {
        var connectionString = await CreateAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    /// <summary>Sets the database's default session time zone (affects new sessions only).</summary>
    public static async Task SetTimeZoneAsync(string connectionString, string timeZone)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await PostgresServer.GetAdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET timezone TO '{timeZone}'", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query with named parameters against <paramref name="connectionString"/>.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value ?? DBNull.Value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement and returns the number of rows it affected.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("^[a-z0-9_]{1,20}$")]
    private static partial Regex PrefixPattern();
}
