// Writes readings of many meters through PostgresReadingStore (concurrent appends, batched by its writer) and,
// as a baseline, one binary COPY of the same rows straight into an unlogged copy of meter_readings.
// Usage: dotnet run -c Release --project bench/ReadingStoreBench -- [meters] [readingsPerMeter] [readingsPerCall]
// Admin connection string from METERGRAINS_BENCH_POSTGRES (or METERGRAINS_TEST_POSTGRES); a scratch database is created and dropped.
using System.Diagnostics;
using MeterGrains.Meters;
using MeterGrains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

var meters = args.Length > 0 ? int.Parse(args[0]) : 1_000;
var perMeter = args.Length > 1 ? int.Parse(args[1]) : 200;
var perCall = args.Length > 2 ? int.Parse(args[2]) : 1;

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("METERGRAINS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set METERGRAINS_BENCH_POSTGRES to an admin connection string, e.g. Host=127.0.0.1;Port=5599;Username=postgres;Database=postgres");
var database = $"metergrains_bench_{Guid.NewGuid():N}";
await Execute(admin, $"CREATE DATABASE {database}");
try
{
    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await Execute(connectionString, await File.ReadAllTextAsync(MigrationPath()));

    var start = new DateTimeOffset(2026, 1, 15, 23, 0, 0, TimeSpan.Zero); // 200 readings every 10 s cross midnight
    var receivedAt = DateTimeOffset.UtcNow;
    var readings = Enumerable.Range(0, meters).Select(m => Enumerable.Range(0, perMeter).Select(i =>
        new StoredReading(new MeterReading(start.AddSeconds(10 * i), 500 + m + i, 0, 1_000_000 + (m * 1000) + i, 0, 230.1, 2.2, 0.98, 50.0), false, receivedAt))
        .ToArray()).ToArray();
    var total = (long)meters * perMeter;

    // Baseline: one binary COPY of the same rows into an unlogged, unpartitioned copy with the same keys.
    await Execute(connectionString, "CREATE UNLOGGED TABLE meter_readings_copy (LIKE meter_readings INCLUDING DEFAULTS INCLUDING INDEXES)");
    var copyWatch = Stopwatch.StartNew();
    await using (var connection = await dataSource.OpenConnectionAsync())
    await using (var importer = await connection.BeginBinaryImportAsync(
        "COPY meter_readings_copy (meter_id, ts, import_power_w, export_power_w, import_register_wh, export_register_wh, voltage_v, current_a, power_factor, frequency_hz, late, received_at) FROM STDIN (FORMAT BINARY)"))
    {
        for (var m = 0; m < meters; m++)
        {
            var meterId = $"bench-{m:D5}";
            foreach (var stored in readings[m])
            {
                var r = stored.Reading;
                await importer.StartRowAsync();
                await importer.WriteAsync(meterId, NpgsqlDbType.Text);
                await importer.WriteAsync(r.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                foreach (var value in new[] { r.ImportPowerW, r.ExportPowerW, r.ImportRegisterWh, r.ExportRegisterWh, r.VoltageV, r.CurrentA, r.PowerFactor, r.FrequencyHz })
                {
                    await importer.WriteAsync(value!.Value, NpgsqlDbType.Double);
                }

                await importer.WriteAsync(stored.Late, NpgsqlDbType.Boolean);
                await importer.WriteAsync(stored.ReceivedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
        }

        await importer.CompleteAsync();
    }

    copyWatch.Stop();

    // The store: every meter appends concurrently, readingsPerCall at a time, awaiting each call as a grain would.
    await using var store = new PostgresReadingStore(dataSource, Options.Create(new ReadingStoreOptions()), NullLogger<PostgresReadingStore>.Instance);
    await store.AppendAsync("warmup", [new StoredReading(new MeterReading(start.AddDays(-1), 1), false, receivedAt)], default);
    var before = store.Statistics;
    var storeWatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, meters).Select(m => Task.Run(async () =>
    {
        var meterId = $"bench-{m:D5}";
        for (var i = 0; i < perMeter; i += perCall)
        {
            var result = await store.AppendAsync(meterId, new ArraySegment<StoredReading>(readings[m], i, Math.Min(perCall, perMeter - i)), default);
            if (result.Duplicates != 0)
            {
                throw new InvalidOperationException("unexpected duplicates");
            }
        }
    })));
    storeWatch.Stop();
    var stats = store.Statistics;

    var storedRows = await Scalar(dataSource, "SELECT count(*) FROM meter_readings WHERE meter_id LIKE 'bench-%'");
    var copied = await Scalar(dataSource, "SELECT count(*) FROM meter_readings_copy");
    if (storedRows != total || copied != total)
    {
        throw new InvalidOperationException($"expected {total} rows, store has {storedRows}, copy has {copied}");
    }

    var storeRate = total / storeWatch.Elapsed.TotalSeconds;
    var copyRate = total / copyWatch.Elapsed.TotalSeconds;
    var transactions = stats.Transactions - before.Transactions;
    Console.WriteLine($"readings: {total:N0} from {meters:N0} meters, {perCall} per AppendAsync call ({total / perCall:N0} calls)");
    Console.WriteLine($"store:    {storeWatch.Elapsed.TotalSeconds,7:F2} s  {storeRate,10:N0} rows/s  in {transactions:N0} transactions ({(double)total / transactions:N0} rows each)");
    Console.WriteLine($"COPY:     {copyWatch.Elapsed.TotalSeconds,7:F2} s  {copyRate,10:N0} rows/s  (one binary COPY into an unlogged, unpartitioned copy)");
    Console.WriteLine($"ratio:    store / COPY = {storeRate / copyRate:P0}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<long> Scalar(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync())!;
}

static string MigrationPath()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MeterGrains.sln")))
        {
            return Path.Combine(directory.FullName, "src", "Silo", "Database", "Migrations", "0005_meter_readings.sql");
        }
    }

    throw new InvalidOperationException("MeterGrains.sln not found");
}
