using Npgsql;

namespace MeterGrains.Bench;

/// <summary>A database of its own for one benchmark run, created from the admin connection and dropped at the end.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private ScratchDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string admin)
    {
        var name = $"ingest_bench_{Environment.ProcessId}_{Random.Shared.Next(100_000)}";
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new ScratchDatabase(admin, name, connectionString);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The process id of the PostgreSQL server (the postmaster, parent of every backend), for its CPU time.</summary>
    public async Task<int> ServerProcessIdAsync()
    {
        var backend = (int)await ScalarAsync("SELECT pg_backend_pid()");
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
