using System.Collections.Concurrent;
using MeterGrains.Exports.Hosting;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MeterGrains.Integration.Tests.Exports;

/// <summary>
/// The export services as the silo wires them (<c>AddDailyExports</c>), on a fresh migrated database and a temporary
/// directory, with the log lines they write kept for assertions. Rows are put in with SQL, as any writer would.
/// </summary>
internal sealed class ExportServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ExportServices(ServiceProvider provider, string connectionString, string directory, LogLines logs)
    {
        _provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        Logs = logs;
    }

    public string ConnectionString { get; }

    public string Directory { get; }

    public LogLines Logs { get; }

    public NpgsqlDataSource DataSource => _provider.GetRequiredService<NpgsqlDataSource>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<ExportServices> StartAsync(string prefix, IReadOnlyDictionary<string, string?> settings)
    {
        var connectionString = await TestDatabase.CreateMigratedAsync(prefix);
        var directory = System.IO.Directory.CreateTempSubdirectory("metergrains-export-").FullName;
        var logs = new LogLines();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Export:Directory"] = directory })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddLogging(b => b.AddProvider(logs))
            .AddMetrics()
            .AddDailyExports(schedule: false);
        return new ExportServices(services.BuildServiceProvider(validateScopes: true), connectionString, directory, logs);
    }

    /// <summary>Creates the partition of <paramref name="day"/> and stores one reading per entry of <paramref name="minutes"/> (minutes after midnight) for meter <paramref name="meterId"/>.</summary>
    public async Task AddReadingsAsync(string meterId, DateOnly day, params int[] minutes)
    {
        await using (var partition = DataSource.CreateCommand("SELECT ensure_meter_reading_partitions($1, $1)"))
        {
            partition.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = day, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            await partition.ExecuteNonQueryAsync();
        }

        await using var insert = DataSource.CreateCommand("""
            INSERT INTO meter_readings (meter_id, ts, import_power_w)
            SELECT $1, ($2::date::timestamp AT TIME ZONE 'UTC') + make_interval(mins => m), m FROM unnest($3::int[]) AS m
            """);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        insert.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = day, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = minutes });
        await insert.ExecuteNonQueryAsync();
    }

    public async Task<bool> PartitionExistsAsync(DateOnly day) =>
        await TestDatabase.ScalarAsync<bool>(ConnectionString, "SELECT to_regclass(@name) IS NOT NULL", ("name", $"meter_readings_p{day:yyyyMMdd}"));

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Every log line written, as its formatted message.</summary>
    internal sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
