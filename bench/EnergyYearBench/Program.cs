// Energy-year benchmark (issue 8): one meter, one year of quarter-hour buckets (35,040) over REST in one request
// (GET /api/v1/meters/{id}/energy?interval=15m&from=&to=), against a silo started from its Release build, and, as the
// baseline in the same run, the same 35,040 rows read straight from PostgreSQL with Npgsql.
// Usage: bench/energy-year.sh [--years N] [--warmup W]; see bench/README.md.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MeterGrains.Bench;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;

var (years, warmup) = (50, 10);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    _ = args[i] switch
    {
        "--years" => years = int.Parse(args[i + 1], CultureInfo.InvariantCulture),
        "--warmup" => warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"unknown option {args[i]} (--years N, --warmup W)"),
    };
}

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES");
if (string.IsNullOrWhiteSpace(admin))
{
    Console.Error.WriteLine("EnergyYearBench: set METERGRAINS_BENCH_POSTGRES to an admin connection string (bench/energy-year.sh does).");
    return 2;
}

const string MeterId = "year-00000";
const int BucketsPerYear = 35_040; // 365 days × 96 quarter-hours
const double BucketWh = 25; // every bucket: 25 Wh imported (100 W for 15 min)
var to = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
var from = to.AddDays(-365);

var settings = new BenchSettings();
await using var database = await ScratchDatabase.CreateAsync(admin);
// Rate limits off: the bench asks faster than the per-caller bucket (20/s, burst 100) allows.
await using var silo = await SiloUnderTest.StartAsync(settings, database.ConnectionString, new Dictionary<string, string>
{
    ["RateLimits__PerCaller__PermitsPerSecond"] = "0",
    ["RateLimits__PerIp__PermitsPerSecond"] = "0",
});

// One reading, so the meter exists (QoS 1 is acknowledged once it is stored).
var mqtt = new MqttClientFactory().CreateMqttClient();
await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", silo.MqttPort).WithClientId("energy-year").Build());
var reading = string.Create(CultureInfo.InvariantCulture,
    $$"""{"ts":"{{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","importPowerW":100,"exportPowerW":0,"importRegisterWh":1000,"exportRegisterWh":0}""");
await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"meters/{MeterId}/reading")
    .WithPayload(Encoding.UTF8.GetBytes(reading)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
await mqtt.DisconnectAsync();

// The year, straight into meter_buckets (schema: migration 0005).
await using (var connection = new NpgsqlConnection(database.ConnectionString))
{
    await connection.OpenAsync();
    await using var insert = new NpgsqlCommand("""
        INSERT INTO meter_buckets (meter_id, bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete)
        SELECT $1, $2 + n * interval '15 minutes', $3, 0, $3, 0, true FROM generate_series(0, $4 - 1) AS n
        """, connection);
    insert.Parameters.Add(new() { Value = MeterId });
    insert.Parameters.Add(new() { Value = from });
    insert.Parameters.Add(new() { Value = BucketWh });
    insert.Parameters.Add(new() { Value = BucketsPerYear });
    var inserted = await insert.ExecuteNonQueryAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"energy-year: meter {MeterId}, {inserted:N0} quarter-hour buckets from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (UTC), one request; {warmup} warm-up years, {years} timed; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

var request = string.Create(CultureInfo.InvariantCulture,
    $"/api/v1/meters/{MeterId}/energy?interval=15m&from={from:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={to:yyyy-MM-dd'T'HH:mm:ss'Z'}");
// The baseline: the grain's own query (PostgresReadingStore.ReadBucketsSql), every column of every row read.
await using var direct = NpgsqlDataSource.Create(database.ConnectionString);

// Checked once, outside the timing: every bucket of the year, 35,040 × 25 Wh = 876,000 Wh, both ways.
var (buckets, importWh, bytes) = (0, 0.0, 0L);
using (var response = await silo.Http.GetAsync(request))
{
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.WriteLine($"{request}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        return 1;
    }

    bytes = body.Length;
    using var json = JsonDocument.Parse(body);
    foreach (var bucket in json.RootElement.GetProperty("buckets").EnumerateArray())
    {
        buckets++;
        importWh += bucket.GetProperty("importWh").GetDouble();
    }
}

var (rows, rowsWh) = await ReadYearAsync(direct, MeterId, from, to);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"check:          REST {buckets:N0} buckets, {importWh:N0} Wh imported, {bytes / 1024.0 / 1024.0:0.00} MiB of JSON; SQL {rows:N0} rows, {rowsWh:N0} Wh (expected {BucketsPerYear:N0} and {BucketsPerYear * BucketWh:N0})"));
if (buckets != BucketsPerYear || rows != BucketsPerYear || Math.Abs(importWh - (BucketsPerYear * BucketWh)) > 1e-6 || Math.Abs(rowsWh - (BucketsPerYear * BucketWh)) > 1e-6)
{
    Console.WriteLine("WRONG: the year did not come back whole");
}

// REST and SQL years alternate, so both see the same machine; CPU is read around each (outside the timing), so the
// silo's, PostgreSQL's and this client's are known per REST year and per SQL year.
var postgresPid = await database.ServerProcessIdAsync();
var (restYears, sqlYears) = (new List<double>(), new List<double>());
var (restCpu, sqlCpu) = (new CpuOfYear(), new CpuOfYear());
for (var year = -warmup; year < years; year++)
{
    var (silo0, postgres0, client0) = (CpuSeconds.Of(silo.ProcessId), CpuSeconds.OfProcessAndChildren(postgresPid), CpuSeconds.Of(Environment.ProcessId));
    var started = Stopwatch.GetTimestamp();
    using (var response = await silo.Http.GetAsync(request)) // the whole body read, as a client must
    {
        response.EnsureSuccessStatusCode();
    }

    var rest = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    var (silo1, postgres1, client1) = (CpuSeconds.Of(silo.ProcessId), CpuSeconds.OfProcessAndChildren(postgresPid), CpuSeconds.Of(Environment.ProcessId));
    started = Stopwatch.GetTimestamp();
    await ReadYearAsync(direct, MeterId, from, to);
    var sql = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    var (silo2, postgres2, client2) = (CpuSeconds.Of(silo.ProcessId), CpuSeconds.OfProcessAndChildren(postgresPid), CpuSeconds.Of(Environment.ProcessId));
    if (year >= 0)
    {
        restYears.Add(rest);
        sqlYears.Add(sql);
        restCpu.Add(silo1 - silo0, postgres1 - postgres0, client1 - client0);
        sqlCpu.Add(silo2 - silo1, postgres2 - postgres1, client2 - client1);
    }
}

var overRest = Latencies.Of(restYears);
var overSql = Latencies.Of(sqlYears);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"REST year:      p50 {overRest.P50,6:0.0} ms, p90 {overRest.P90,6:0.0} ms, p99 {overRest.P99,6:0.0} ms, max {overRest.Max,6:0.0} ms ({overRest.Count} years, one request each)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SQL year:       p50 {overSql.P50,6:0.0} ms, p90 {overSql.P90,6:0.0} ms, p99 {overSql.P99,6:0.0} ms, max {overSql.Max,6:0.0} ms (the same rows straight from PostgreSQL with Npgsql)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio:          REST / SQL at the median {overRest.P50 / overSql.P50:0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per year:   REST: silo {restCpu.Silo * 1000 / years:0.0} ms, PostgreSQL {restCpu.Postgres * 1000 / years:0.0} ms, this client {restCpu.Client * 1000 / years:0.0} ms; SQL: PostgreSQL {sqlCpu.Postgres * 1000 / years:0.0} ms, this client {sqlCpu.Client * 1000 / years:0.0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"goal:           a year <= 50 ms: {(overRest.P50 <= 50 ? "met" : "missed")} at the median; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end"));
return 0;

// The rows of the year and their imported energy, every column read as the store reads it.
static async Task<(int Rows, double ImportWh)> ReadYearAsync(NpgsqlDataSource source, string meterId, DateTimeOffset from, DateTimeOffset to)
{
    await using var command = source.CreateCommand("""
        SELECT bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete FROM meter_buckets
        WHERE meter_id = $1 AND bucket_start >= $2 AND bucket_start < $3 ORDER BY bucket_start
        """);
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from });
    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to });
    await using var reader = await command.ExecuteReaderAsync();
    var (rows, importWh) = (0, 0.0);
    while (await reader.ReadAsync())
    {
        _ = reader.GetFieldValue<DateTimeOffset>(0);
        importWh += reader.GetDouble(1);
        _ = reader.GetDouble(2);
        _ = reader.IsDBNull(3) ? (double?)null : reader.GetDouble(3);
        _ = reader.IsDBNull(4) ? (double?)null : reader.GetDouble(4);
        _ = reader.GetBoolean(5);
        rows++;
    }

    return (rows, importWh);
}
