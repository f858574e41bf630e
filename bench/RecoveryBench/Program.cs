// Recovery benchmark (issue 8): a silo holding N active meters is killed with SIGKILL in the middle of a stream of
// readings and restarted on the same ports; how long until every meter answers again with every reading it holds, and
// whether any acknowledged reading was lost. Usage: bench/recovery.sh [options]; see RecoverySettings.Usage and bench/README.md.
using System.Diagnostics;
using System.Globalization;
using MeterGrains.Bench;
using Npgsql;

RecoverySettings settings;
try
{
    settings = RecoverySettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"RecoveryBench: {ex.Message}\n{RecoverySettings.Usage}");
    return 2;
}

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES");
if (string.IsNullOrWhiteSpace(admin))
{
    Console.Error.WriteLine("RecoveryBench: set METERGRAINS_BENCH_POSTGRES to an admin connection string (bench/recovery.sh does).");
    return 2;
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static void Say(string line) => Console.WriteLine(line);

Say(string.Create(CultureInfo.InvariantCulture,
    $"recovery: {settings.Meters:N0} generic meters, {settings.Readings} readings each in {settings.Rounds} rounds of {settings.Batch} per message, QoS 1, {settings.Connections} connections, {settings.MaxInFlight} in flight; SIGKILL at {settings.KillAt:P0} of the last round; {Environment.ProcessorCount} cores, load average {Load()}"));

var bench = new BenchSettings();
await using var database = await ScratchDatabase.CreateAsync(admin);
var postgres = await database.ServerProcessIdAsync();
// Rate limits off: the poller asks for 100,000 meters from one caller.
var environment = new Dictionary<string, string>
{
    ["RateLimits__PerCaller__PermitsPerSecond"] = "0",
    ["RateLimits__PerIp__PermitsPerSecond"] = "0",
};
var ports = SiloUnderTest.Ports.Free();

// 1. Load: every meter gets its readings; the kill lands in the middle of the last round.
await using (var silo = await SiloUnderTest.StartAsync(bench, database.ConnectionString, environment, ports))
{
    Say(string.Create(CultureInfo.InvariantCulture, $"first start:    ready after {silo.StartedIn.TotalSeconds:0.0} s (empty database, migrations)"));
    await using var loader = await FleetLoader.ConnectAsync(settings, silo.MqttPort);
    var loading = Stopwatch.StartNew();
    for (var round = 0; round < settings.Rounds - 1; round++)
    {
        await loader.RunRoundAsync(round, CancellationToken.None);
        Say(string.Create(CultureInfo.InvariantCulture,
            $"load:           round {round + 1} of {settings.Rounds} acknowledged after {loading.Elapsed.TotalSeconds:0.0} s ({loader.AckedMessages * settings.Batch / loading.Elapsed.TotalSeconds:N0} readings/s, {loader.FailedMessages} failed); load average {Load()}"));
    }

    using var stop = new CancellationTokenSource();
    var target = loader.AckedMessages + (long)(settings.KillAt * settings.Meters);
    var last = loader.RunRoundAsync(settings.Rounds - 1, stop.Token);
    while (!last.IsCompleted && loader.AckedMessages < target)
    {
        await Task.Delay(5);
    }

    await silo.KillAsync();
    await stop.CancelAsync();
    await last;
    Say(string.Create(CultureInfo.InvariantCulture,
        $"SIGKILL:        after {loading.Elapsed.TotalSeconds:0.0} s of load, {loader.AckedMessages:N0} messages acknowledged ({loader.AckedMessages * settings.Batch:N0} readings), {loader.FailedMessages:N0} not"));

    // 2. What must survive: every acknowledged reading, per meter.
    var rows = await RowsPerMeterAsync(database.ConnectionString);
    var meters = Enumerable.Range(0, settings.Meters).Select(FleetLoader.MeterIdOf).ToArray();
    var expected = meters.Select(m => rows.GetValueOrDefault(m)).ToArray();
    var lost = Enumerable.Range(0, settings.Meters).Where(i => expected[i] < loader.AckedReadings[i]).ToList();
    var storedNotAcked = expected.Sum() - loader.AckedReadings.Sum(a => (long)a);
    var (snapshots, inSnapshots) = await SnapshotsAsync(database.ConnectionString);

    // Meters the load never reached (every message to them timed out) hold nothing to recover: the API does not know
    // them, so they are left out of the answers below and counted here.
    var reached = Enumerable.Range(0, settings.Meters).Where(i => expected[i] > 0).ToArray();
    Say(string.Create(CultureInfo.InvariantCulture,
        $"stored:         {expected.Sum():N0} readings in meter_readings for {rows.Count:N0} meters; acknowledged {loader.AckedReadings.Sum(a => (long)a):N0}; stored but not acknowledged {storedNotAcked:N0}; meters missing acknowledged readings: {lost.Count}"));
    Say(string.Create(CultureInfo.InvariantCulture,
        $"snapshots:      {snapshots:N0} meters had written one, holding {inSnapshots:N0} readings; the other {expected.Sum() - inSnapshots:N0} are only in the reading store and must be replayed"));

    // 3. Restart on the same ports (it declares its killed predecessor dead at once) and ask every meter.
    var (siloCpuBefore, postgresBefore) = (0.0, CpuSeconds.OfProcessAndChildren(postgres));
    var restarting = Stopwatch.StartNew();
    await using var restarted = await SiloUnderTest.StartAsync(bench, database.ConnectionString, environment, ports);
    var ready = restarting.Elapsed;
    siloCpuBefore = CpuSeconds.Of(restarted.ProcessId);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency })
    {
        BaseAddress = restarted.Http.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
    http.DefaultRequestHeaders.Add("X-Api-Key", SiloUnderTest.OperatorKey);
    var poll = await new MeterPoller(http, settings.Concurrency).PollAsync(
        reached.Select(i => meters[i]).ToArray(), reached.Select(i => expected[i]).ToArray(), TimeSpan.FromSeconds(settings.DeadlineSeconds));
    var (siloCpu, postgresCpu) = (CpuSeconds.Of(restarted.ProcessId) - siloCpuBefore, CpuSeconds.OfProcessAndChildren(postgres) - postgresBefore);

    var lat = poll.Latencies;
    double Pct(double p) => lat.Length == 0 ? double.NaN : lat[Math.Min(lat.Length - 1, (int)Math.Ceiling(p * lat.Length) - 1)] / 1000;
    Say(string.Create(CultureInfo.InvariantCulture,
        $"restart:        process start → /health/ready {ready.TotalSeconds:0.00} s (startup CPU {siloCpuBefore:0.0} s)"));
    Say(string.Create(CultureInfo.InvariantCulture,
        $"answers:        first meter {poll.FirstAnswer.TotalSeconds:0.00} s after ready; {poll.Answered:N0} of the {reached.Length:N0} meters with stored readings ({settings.Meters - reached.Length:N0} never reached by the load) answered with all their readings after {poll.AllAnswered.TotalSeconds:0.00} s (p50 {Pct(0.5):0.00} s, p90 {Pct(0.9):0.00} s, p99 {Pct(0.99):0.00} s); {poll.Requests:N0} requests, {settings.Concurrency} at a time"));
    Say(string.Create(CultureInfo.InvariantCulture,
        $"                {poll.Answered / poll.AllAnswered.TotalSeconds:N0} meters/s; CPU during it: silo {siloCpu:0.0} s ({siloCpu * 1000 / Math.Max(1, poll.Answered):0.00} ms per meter), PostgreSQL {postgresCpu:0.0} s; load average {Load()}"));
    var total = ready + poll.AllAnswered;
    Say(string.Create(CultureInfo.InvariantCulture,
        $"recovery:       SIGKILL → every meter answering {total.TotalSeconds:0.00} s (goal: 10 s: {(poll.Answered == reached.Length && total.TotalSeconds <= 10 ? "met" : "missed")}); meters missing acknowledged readings: {lost.Count}"));
    if (lost.Count > 0)
    {
        Say($"LOST: {lost.Count} meters have fewer stored readings than acknowledged, e.g. {string.Join(", ", lost.Take(5).Select(i => $"{meters[i]} ({expected[i]} stored, {loader.AckedReadings[i]} acked)"))}");
    }

    if (poll.Mismatches.Count > 0)
    {
        Say($"MISMATCH: {poll.Mismatches.Count} answers with another count than stored, e.g. {string.Join(", ", poll.Mismatches.Take(5).Select(m => $"{m.Meter} (stored {m.Expected}, said {m.Seen})"))}");
    }

    if (poll.Answered < reached.Length)
    {
        Say($"NOT ANSWERED: {reached.Length - poll.Answered} meters within {settings.DeadlineSeconds} s");
    }
}

return 0;

static async Task<Dictionary<string, long>> RowsPerMeterAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT meter_id, count(*) FROM meter_readings GROUP BY meter_id", connection);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = new Dictionary<string, long>(StringComparer.Ordinal);
    while (await reader.ReadAsync())
    {
        rows[reader.GetString(0)] = reader.GetInt64(1);
    }

    return rows;
}

static async Task<(long Meters, long Readings)> SnapshotsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT count(*), coalesce(sum((convert_from(payloadbinary, 'UTF8')::jsonb ->> 'readingsAccepted')::bigint), 0)::bigint FROM orleansstorage WHERE graintypestring = 'meter'",
        connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1));
}
