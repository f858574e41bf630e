// Ingest benchmark (issue 8): readings per second through MQTT QoS 1 into PostgreSQL, each acknowledged only once stored,
// as a ratio to a baseline measured in the same run: the broker alone carrying the same messages between the same
// clients (one reading per message), or one binary COPY of the same rows into the same table (batches).
// Usage: bench/ingest.sh [options]; see BenchSettings.Usage and bench/README.md.
using System.Globalization;
using MeterGrains.Bench;

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"IngestBench: {ex.Message}\n{BenchSettings.Usage}");
    return 2;
}

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES");
if (string.IsNullOrWhiteSpace(admin))
{
    Console.Error.WriteLine("IngestBench: set METERGRAINS_BENCH_POSTGRES to an admin connection string (bench/ingest.sh does).");
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ingest: {settings.Meters} generic meters, {settings.Batch} reading(s) per message, QoS 1, {settings.Connections} connections, {settings.MaxInFlight} in flight, offered {settings.Rate:0} readings/s, {settings.Seconds} s per run; {Environment.ProcessorCount} cores"));

SimulatorRun.Result? brokerAlone = null;
var deliveredRate = 0.0;
if (settings.Batch == 1)
{
    await using var broker = await BrokerAlone.StartAsync();
    await SimulatorRun.WarmUpAsync(settings, broker.Port, "alone");
    var cpuBefore = CpuSeconds.Of(Environment.ProcessId);
    var receivedBefore = broker.Received;
    brokerAlone = await SimulatorRun.RunAsync(settings, broker.Port, "alone");
    var delivered = broker.Received - receivedBefore;
    var brokerCpu = CpuSeconds.Of(Environment.ProcessId) - cpuBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"broker alone:   {brokerAlone.AckedMessagesPerSecond,10:N0} messages/s acked to the publishers ({brokerAlone.MessagesAcked:N0} in {brokerAlone.Seconds:0.0} s); CPU s: broker+subscriber {brokerCpu:0.0}, simulator {brokerAlone.CpuSeconds:0.0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"                {delivered / brokerAlone.Seconds,10:N0} messages/s delivered to the one QoS 1 subscriber in the same time ({delivered:N0})"));
    deliveredRate = delivered / brokerAlone.Seconds;
}

await using var database = await ScratchDatabase.CreateAsync(admin);
// Only this server's processes: other PostgreSQL servers on a shared machine are not ours to count.
var postgresPid = await database.ServerProcessIdAsync();
SimulatorRun.Result pipeline;
double siloCpu, postgresCpu;
long storedBefore;
var profiling = settings.ProfileSeconds > 0 && PerfProfile.Available;
var profile = Task.FromResult("");
string? statementsReport = null;
var siloEnvironment = new Dictionary<string, string>();
if (profiling)
{
    // Names JIT-compiled frames for perf (/tmp/perf-<pid>.map).
    siloEnvironment["DOTNET_PerfMapEnabled"] = "1";
    // Without W^X the JIT's code is not double-mapped, so perf finds it where the map says.
    siloEnvironment["DOTNET_EnableWriteXorExecute"] = "0";
}

await using (var silo = await SiloUnderTest.StartAsync(settings, database.ConnectionString, siloEnvironment))
{
    await SimulatorRun.WarmUpAsync(settings, silo.MqttPort, "bench");
    storedBefore = await database.ScalarAsync("SELECT count(*) FROM meter_readings");
    var siloPid = silo.ProcessId;
    var (siloBefore, postgresBefore) = (CpuSeconds.Of(siloPid), CpuSeconds.OfProcessAndChildren(postgresPid));
    var statements = await PostgresStatements.ResetAsync(database.ConnectionString);
    var run = SimulatorRun.RunAsync(settings, silo.MqttPort, "bench");
    if (profiling)
    {
        // Starts a second into the run, when the simulator has its connections up.
        await Task.Delay(1000);
        profile = PerfProfile.RecordAsync(siloPid, Math.Min(settings.ProfileSeconds, Math.Max(1, settings.Seconds - 2)));
    }

    pipeline = await run;
    (siloCpu, postgresCpu) = (CpuSeconds.Of(siloPid) - siloBefore, CpuSeconds.OfProcessAndChildren(postgresPid) - postgresBefore);
    // Before the silo stops: its meters write their snapshots on the way out, which is not ingest.
    statementsReport = statements ? await PostgresStatements.TopAsync(database.ConnectionString, pipeline.MessagesAcked * settings.Batch) : null;
    var warnings = silo.Output.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
    if (warnings.Count > 0)
    {
        Console.WriteLine($"the silo logged {warnings.Count} warnings or failures; the first ones:");
        var log = Path.Combine(Path.GetTempPath(), $"ingest-bench-silo-{Environment.ProcessId}.log");
        await File.WriteAllTextAsync(log, silo.Output);
        Console.WriteLine($"  (the whole silo output: {log})");
        foreach (var line in warnings.Take(5))
        {
            Console.WriteLine($"  {line}");
        }
    }
}

// The warm-up's readings are in the table too: count only what the measured run added.
var stored = await database.ScalarAsync("SELECT count(*) FROM meter_readings") - storedBefore;
var ackedReadings = pipeline.MessagesAcked * settings.Batch;
var durableRate = ackedReadings / pipeline.Seconds;
var total = siloCpu + postgresCpu + pipeline.CpuSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"MeterGrains:    {durableRate,10:N0} readings/s acked after storage ({ackedReadings:N0} in {pipeline.Seconds:0.0} s; {pipeline.MessagesFailed} failed, {pipeline.Unanswered} unanswered); rows it added to meter_readings: {stored:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"where the CPU went: silo {siloCpu:0.0} s ({siloCpu / total:P0}), PostgreSQL {postgresCpu:0.0} s ({postgresCpu / total:P0}), simulator {pipeline.CpuSeconds:0.0} s ({pipeline.CpuSeconds / total:P0}); {total / pipeline.Seconds / Environment.ProcessorCount:P0} of the machine"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per reading: silo {siloCpu * 1e6 / Math.Max(1, ackedReadings):0} µs, PostgreSQL {postgresCpu * 1e6 / Math.Max(1, ackedReadings):0} µs, simulator {pipeline.CpuSeconds * 1e6 / Math.Max(1, ackedReadings):0} µs; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
if (statementsReport is not null)
{
    Console.WriteLine(statementsReport);
}

if (profiling)
{
    Console.WriteLine(await profile);
}

if (stored < ackedReadings)
{
    Console.WriteLine($"LOST: {ackedReadings - stored:N0} acknowledged readings are not in the database");
}

if (brokerAlone is not null)
{
    var ratio = durableRate / brokerAlone.AckedMessagesPerSecond;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio:          MeterGrains / broker alone = {ratio:P0} of its acknowledged rate, {durableRate / deliveredRate:P0} of its delivered rate   (goal: >= 20,000 readings/s and >= 80 %: {(durableRate >= 20_000 && ratio >= 0.8 ? "met" : "missed")})"));
}
else
{
    var copy = await CopyBaseline.RunAsync(database.ConnectionString);
    var ratio = durableRate / copy.RowsPerSecond;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"binary COPY:    {copy.RowsPerSecond,10:N0} rows/s ({copy.Rows:N0} rows in {copy.Seconds:0.00} s, the same rows into the same table)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio:          MeterGrains / COPY = {ratio:P0}   (goal: >= 250,000 readings/s: {(durableRate >= 250_000 ? "met" : "missed")})"));
}

return 0;
