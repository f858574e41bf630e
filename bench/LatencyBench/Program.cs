// Latency benchmark (issue 8): MQTT publish of a probe meter's reading → a SignalR client receives its meterUpdated,
// while the fleet simulator offers a background load, against the broker alone carrying the same probe publishes to an
// MQTT subscriber under the same load, in the same run. Usage: bench/latency.sh [options]; see bench/README.md.
using System.Globalization;
using MeterGrains.Bench;

// Defaults of this benchmark; the same options as the ingest benchmark (BenchSettings.Usage), later ones win.
string[] defaults = ["--seconds", "30", "--meters", "10000", "--rate", "10000", "--batch", "10", "--connections", "100", "--max-in-flight", "2000"];
BenchSettings settings;
try
{
    settings = BenchSettings.Parse([.. defaults, .. args]);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"LatencyBench: {ex.Message}\n{BenchSettings.Usage}");
    return 2;
}

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES");
if (string.IsNullOrWhiteSpace(admin))
{
    Console.Error.WriteLine("LatencyBench: set METERGRAINS_BENCH_POSTGRES to an admin connection string (bench/latency.sh does).");
    return 2;
}

// Coalescing (Live:MaxUpdatesPerSecond, default 4) would hold back a probe reading every 100 ms; 100 lets each through.
const string MaxUpdatesPerSecond = "100";
var probeInterval = TimeSpan.FromMilliseconds(100);
var probeDuration = TimeSpan.FromSeconds(Math.Max(1, settings.Seconds - 4));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency: probe meter {LatencyProbe.MeterId} every {probeInterval.TotalMilliseconds:0} ms for {probeDuration.TotalSeconds:0} s, QoS 1; background {settings.Meters} generic meters, {settings.Batch} reading(s) per message, offered {settings.Rate:0} readings/s on {settings.Connections} connections; Live:MaxUpdatesPerSecond={MaxUpdatesPerSecond}; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

Latencies brokerAlone;
await using (var broker = await BrokerAlone.StartAsync())
{
    await SimulatorRun.WarmUpAsync(settings, broker.Port, "alone");
    await using var probe = await LatencyProbe.ConnectAsync(broker.Port);
    await using var subscriber = await BrokerProbeSubscriber.ConnectAsync(broker.Port, probe);
    var (load, _) = await UnderLoadAsync(settings, broker.Port, "alone", probe);
    brokerAlone = Report("broker alone", probe, load, settings);
}

await using var database = await ScratchDatabase.CreateAsync(admin);
Latencies live;
await using (var silo = await SiloUnderTest.StartAsync(settings, database.ConnectionString, new Dictionary<string, string>
{
    ["Live__MaxUpdatesPerSecond"] = MaxUpdatesPerSecond,
}))
{
    await SimulatorRun.WarmUpAsync(settings, silo.MqttPort, "bench");
    await using var probe = await LatencyProbe.ConnectAsync(silo.MqttPort);
    await probe.PrimeAsync(); // acknowledged once stored: the meter exists before the hub subscription
    await using var subscriber = await LiveProbeSubscriber.ConnectAsync(silo.HttpPort, SiloUnderTest.OperatorKey, probe);
    var siloCpuBefore = CpuSeconds.Of(silo.ProcessId);
    var postgresCpuBefore = CpuSeconds.OfAllNamed("postgres");
    var (load, seconds) = await UnderLoadAsync(settings, silo.MqttPort, "bench", probe);
    var (siloCpu, postgresCpu) = (CpuSeconds.Of(silo.ProcessId) - siloCpuBefore, CpuSeconds.OfAllNamed("postgres") - postgresCpuBefore);
    live = Report("MeterGrains", probe, load, settings);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"                {subscriber.Updates} meterUpdated messages received in all; CPU s during the run: silo {siloCpu:0.0}, PostgreSQL {postgresCpu:0.0}, simulator {load.CpuSeconds:0.0} ({(siloCpu + postgresCpu + load.CpuSeconds) / seconds / Environment.ProcessorCount:P0} of the machine)"));
    var problems = silo.Output.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal)).Take(5).ToList();
    foreach (var line in problems)
    {
        Console.WriteLine($"  silo: {line}");
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio:          MeterGrains / broker alone: p50 {live.P50 / brokerAlone.P50:0.0}×, p99 {live.P99 / brokerAlone.P99:0.0}×   (goal: p99 <= 50 ms: {(live.P99 <= 50 ? "met" : "missed")})"));
return 0;

// The simulator's load for settings.Seconds, the probe publishing inside it (starting 2 s in, so the load is running).
static async Task<(SimulatorRun.Result Load, double Seconds)> UnderLoadAsync(BenchSettings settings, int port, string prefix, LatencyProbe probe)
{
    var started = System.Diagnostics.Stopwatch.StartNew();
    var load = SimulatorRun.RunAsync(settings, port, prefix);
    await Task.Delay(TimeSpan.FromSeconds(2));
    await probe.RunAsync(TimeSpan.FromSeconds(Math.Max(1, settings.Seconds - 4)), TimeSpan.FromMilliseconds(100));
    var result = await load;
    await Task.Delay(TimeSpan.FromSeconds(2)); // late arrivals still count
    return (result, started.Elapsed.TotalSeconds - 2);
}

static Latencies Report(string name, LatencyProbe probe, SimulatorRun.Result load, BenchSettings settings)
{
    var latencies = Latencies.Of(probe.LatenciesMs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name + ":",-15} p50 {latencies.P50,6:0.0} ms, p90 {latencies.P90,6:0.0} ms, p99 {latencies.P99,6:0.0} ms, max {latencies.Max,6:0.0} ms ({latencies.Count} of {probe.Published} probe readings received, {probe.NotReceived} not)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"                background load: {load.MessagesAcked * settings.Batch / load.Seconds:N0} readings/s acknowledged ({load.MessagesAcked:N0} messages in {load.Seconds:0.0} s; {load.MessagesFailed} failed, {load.Unanswered} unanswered)"));
    return latencies;
}
