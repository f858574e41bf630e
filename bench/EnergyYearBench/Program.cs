// Energy-year benchmark (issue 8): one meter, one year of quarter-hour buckets (35,040) over REST
// (GET /api/v1/meters/{id}/energy?interval=15m&from=&to=), against a silo started from its Release build.
// A request returns at most 3,000 buckets, so a year is 12 requests, made one after the other as a client would.
// Usage: bench/energy-year.sh [--years N] [--warmup W]; see bench/README.md.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
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
const int MaxBucketsPerRequest = 3000; // EnergyQueryParser.MaxBuckets
const double BucketWh = 25; // every bucket: 25 Wh imported (100 W for 15 min)
var to = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
var from = to.AddDays(-365);

var settings = new BenchSettings();
await using var database = await ScratchDatabase.CreateAsync(admin);
// Rate limits off: 60 years of 12 requests in a row exceed the per-caller bucket (20/s, burst 100); one year does not.
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
        $"energy-year: meter {MeterId}, {inserted:N0} quarter-hour buckets from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (UTC), at most {MaxBucketsPerRequest} per request; {warmup} warm-up years, {years} timed; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

// The year's requests: 11 of 3,000 buckets and one of 2,040.
var requests = new List<string>();
for (var start = from; start < to; start = start.AddMinutes(15 * MaxBucketsPerRequest))
{
    var end = start.AddMinutes(15 * MaxBucketsPerRequest) < to ? start.AddMinutes(15 * MaxBucketsPerRequest) : to;
    requests.Add(string.Create(CultureInfo.InvariantCulture,
        $"/api/v1/meters/{MeterId}/energy?interval=15m&from={start:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={end:yyyy-MM-dd'T'HH:mm:ss'Z'}"));
}

// Checked once, outside the timing: every bucket of the year, 35,040 × 25 Wh = 876,000 Wh.
var (buckets, importWh, bytes) = (0, 0.0, 0L);
foreach (var request in requests)
{
    using var response = await silo.Http.GetAsync(request);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.WriteLine($"{request}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        return 1;
    }

    bytes += body.Length;
    using var json = JsonDocument.Parse(body);
    foreach (var bucket in json.RootElement.GetProperty("buckets").EnumerateArray())
    {
        buckets++;
        importWh += bucket.GetProperty("importWh").GetDouble();
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"check:          {requests.Count} requests, {buckets:N0} buckets, {importWh:N0} Wh imported (expected {BucketsPerYear:N0} and {BucketsPerYear * BucketWh:N0}), {bytes / 1024.0 / 1024.0:0.00} MiB of JSON per year"));
if (buckets != BucketsPerYear || Math.Abs(importWh - (BucketsPerYear * BucketWh)) > 1e-6)
{
    Console.WriteLine("WRONG: the year did not come back whole");
}

var perRequest = new List<double>();
var perYear = new List<double>();
var siloCpu = CpuSeconds.Of(silo.ProcessId);
var postgresCpu = CpuSeconds.OfAllNamed("postgres");
var benchCpu = CpuSeconds.Of(Environment.ProcessId);
for (var year = -warmup; year < years; year++)
{
    if (year == 0)
    {
        (siloCpu, postgresCpu, benchCpu) = (CpuSeconds.Of(silo.ProcessId), CpuSeconds.OfAllNamed("postgres"), CpuSeconds.Of(Environment.ProcessId));
    }

    var yearStarted = Stopwatch.GetTimestamp();
    foreach (var request in requests)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await silo.Http.GetAsync(request); // the whole body read, as a client must
        response.EnsureSuccessStatusCode();
        if (year >= 0)
        {
            perRequest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    if (year >= 0)
    {
        perYear.Add(Stopwatch.GetElapsedTime(yearStarted).TotalMilliseconds);
    }
}

(siloCpu, postgresCpu, benchCpu) = (CpuSeconds.Of(silo.ProcessId) - siloCpu, CpuSeconds.OfAllNamed("postgres") - postgresCpu, CpuSeconds.Of(Environment.ProcessId) - benchCpu);
var request1 = Latencies.Of(perRequest);
var wholeYear = Latencies.Of(perYear);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"per request:    p50 {request1.P50,6:0.0} ms, p90 {request1.P90,6:0.0} ms, p99 {request1.P99,6:0.0} ms, max {request1.Max,6:0.0} ms ({request1.Count} requests of up to {MaxBucketsPerRequest} buckets)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"per year:       p50 {wholeYear.P50,6:0.0} ms, p90 {wholeYear.P90,6:0.0} ms, p99 {wholeYear.P99,6:0.0} ms, max {wholeYear.Max,6:0.0} ms ({wholeYear.Count} years of {requests.Count} sequential requests)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per year:   silo {siloCpu * 1000 / years:0.0} ms, PostgreSQL {postgresCpu * 1000 / years:0.0} ms, this client {benchCpu * 1000 / years:0.0} ms"));
Console.WriteLine($"goal:           a year <= 50 ms: {(wholeYear.P50 <= 50 ? "met" : "missed")} at the median");
return 0;
