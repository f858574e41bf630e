using MeterGrains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Grains.Storage.Tests;

/// <summary>
/// A fresh, uniquely named database on the PostgreSQL named by <c>METERGRAINS_TEST_POSTGRES</c>, with migration 0005 applied;
/// dropped again at the end. One per test class.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string AdminVariable = "METERGRAINS_TEST_POSTGRES";

    private readonly List<NpgsqlDataSource> _dataSources = [];
    private string? _adminConnectionString;

    public string Name { get; } = $"metergrains_store_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    /// <summary>The database's shared data source (what one silo would register).</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static string MigrationPath => Path.Combine(RepositoryRoot(), "src", "Silo", "Database", "Migrations", "0005_meter_readings.sql");

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(AdminVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            throw new InvalidOperationException(
                $"{AdminVariable} is not set. These tests need a real PostgreSQL: set it to an admin connection string such as " +
                "'Host=127.0.0.1;Port=5599;Username=postgres;Database=postgres' (./test.sh sets it).");
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name }.ConnectionString;
        DataSource = CreateDataSource();
        await ApplyMigrationAsync();
    }

    /// <summary>Applies migration 0005 in one transaction, as the migrator does.</summary>
    public async Task ApplyMigrationAsync()
    {
        var sql = await File.ReadAllTextAsync(MigrationPath);
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Another data source on the same database, e.g. for a second silo.</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public PostgresReadingStore CreateStore(TimeSpan? maxBatchDelay = null, NpgsqlDataSource? dataSource = null, int maxBatchRows = 5_000) =>
        new(
            dataSource ?? DataSource,
            Options.Create(new ReadingStoreOptions { MaxBatchDelay = maxBatchDelay ?? TimeSpan.FromMilliseconds(2), MaxBatchRows = maxBatchRows }),
            NullLogger<PostgresReadingStore>.Instance);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return (T)(value is DBNull ? null : value)!;
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_adminConnectionString is null || ConnectionString.Length == 0)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string RepositoryRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("METERGRAINS_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "MeterGrains.sln")))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MeterGrains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MeterGrains.sln not found above {AppContext.BaseDirectory}.");
    }
}
