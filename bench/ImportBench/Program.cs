// (a) The 2,880-row import (30 days × 24 h × 4 appliances) parsed, stored in PostgreSQL and analysed in-process, as the
//     API runs it, timed per import and per stage; (b) the forecast backtest, default against the mean ± zσ baseline.
// Usage: dotnet bench/ImportBench/bin/Release/net10.0/ImportBench.dll [imports=200]
// Admin connection string from METERGRAINS_BENCH_POSTGRES (or METERGRAINS_TEST_POSTGRES); a scratch database is created and dropped.
using System.Diagnostics;
using System.Globalization;
using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Series;
using MeterGrains.Bench;
using MeterGrains.Imports;
using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;
using Npgsql;

var imports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("METERGRAINS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set METERGRAINS_BENCH_POSTGRES to an admin connection string, e.g. Host=127.0.0.1;Port=5599;Username=postgres;Database=postgres");
var database = $"metergrains_import_bench_{Guid.NewGuid():N}";
await Execute(admin, $"CREATE DATABASE {database}");
try
{
    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    // The product's schema: every migration in order, as a silo applies them.
    foreach (var migration in Directory.GetFiles(MigrationsDirectory(), "*.sql").Order(StringComparer.Ordinal))
    {
        await Execute(connectionString, await File.ReadAllTextAsync(migration));
    }

    var file = HouseholdFile.Create(days: 30);
    var options = new ImportOptions();
    var product = new CsvImporter(new PostgresImportStore(dataSource, Options.Create(options)), Options.Create(options), TimeProvider.System);
    var asyncOptions = Options.Create(new ImportOptions { SynchronousCommit = false });
    var productAsync = new CsvImporter(new PostgresImportStore(dataSource, asyncOptions), asyncOptions, TimeProvider.System);
    var discarding = new CsvImporter(new DiscardingImportStore(), Options.Create(options), TimeProvider.System);
    // Smaller batches stored two at a time while the parse goes on: more transactions, overlapping the parse.
    var splitOptions = Options.Create(new ImportOptions { StoreBatchRows = 1_000, StoreConcurrency = 2 });
    var split = new CsvImporter(new PostgresImportStore(dataSource, splitOptions), splitOptions, TimeProvider.System);

    // Each case imports the file for a new meter id (2,880 new intervals, the work of a first import) except "same file
    // again", which imports it for one meter over and over (every interval a duplicate). The cases take turns, so a
    // change in the machine's load hits them all alike.
    Case[] cases =
    [
        new("day rows, synchronous commit (default)", i => product.ImportAsync($"days-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default)),
        new("day rows, same file again", _ => product.ImportAsync("days-0", new MemoryStream(file), TimeZoneInfo.Utc, default)),
        new("batches of 1,000, two at a time", i => split.ImportAsync($"split-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default)),
        new("day rows, SynchronousCommit=false", i => productAsync.ImportAsync($"async-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default)),
        new("no database (parse + analyse)", i => discarding.ImportAsync($"none-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default)),
    ];

    Console.WriteLine($"file: {file.Length:N0} bytes, {HouseholdFile.Appliances.Length * 30 * 24:N0} rows; {imports} imports per case after 20 warm-ups; load average {LoadAverage()}");
    for (var i = -20; i < imports; i++)
    {
        foreach (var c in cases)
        {
            await c.RunAsync(i);
        }
    }

    Console.WriteLine("case                                   total ms (median / p90 / min)    parse    store  analyse  (medians, ms)");
    foreach (var c in cases)
    {
        Console.WriteLine(c.Report());
    }

    Console.WriteLine($"load average after: {LoadAverage()}");

    // CPU time per import, client and database backends, over runs of one case at a time on the pooled connection.
    Console.WriteLine();
    Console.WriteLine("CPU time per import (ms): bench process (parse, analyse, Npgsql) + PostgreSQL backends");
    foreach (var c in cases)
    {
        var clientBefore = CpuTime.Client();
        var backendBefore = await CpuTime.BackendsAsync(connectionString, database);
        for (var i = 0; i < imports; i++)
        {
            await c.RunAsync(-1_000_000 - i);
        }

        var client = (CpuTime.Client() - clientBefore).TotalMilliseconds / imports;
        var backend = (await CpuTime.BackendsAsync(connectionString, database) - backendBefore).TotalMilliseconds / imports;
        Console.WriteLine($"{c.Name,-38} {client,6:F2} + {backend,6:F2} = {client + backend,6:F2}");
    }

    var intervals = await Scalar(connectionString, "SELECT count(*) FROM interval_energy WHERE meter_id LIKE 'days-0:%'");
    var dayRows = await Scalar(connectionString, "SELECT count(*) FROM interval_energy_days WHERE meter_id LIKE 'days-0:%'");
    Console.WriteLine($"days-0 after {(2 * imports) + 21} imports of the same file: {intervals:N0} intervals in {dayRows:N0} day rows (expected 2,880 in 120)");
    var first = (await product.ImportAsync("days-check", new MemoryStream(file), TimeZoneInfo.Utc, default)).Summary!;
    var again = (await product.ImportAsync("days-check", new MemoryStream(file), TimeZoneInfo.Utc, default)).Summary!;
    Console.WriteLine($"stored / duplicates: first import {first.Stored:N0} / {first.Duplicates:N0}, again {again.Stored:N0} / {again.Duplicates:N0} (expected 2,880 / 0, 0 / 2,880)");

    Console.WriteLine();
    Console.WriteLine("Backtest, hourly, last 2 weeks held out (rolling origin), per appliance of the same file:");
    Console.WriteLine("channel     method             MAE (Wh)   MAPE %    cover80   cover95");
    var summary = (await discarding.ImportAsync("backtest", new MemoryStream(file), TimeZoneInfo.Utc, default)).Summary!;
    foreach (var appliance in HouseholdFile.Appliances)
    {
        var series = Hourly(file, appliance);
        var report = Backtest.Run(series, LocalCalendar.Utc, weeks: 2)!;
        foreach (var score in new[] { report.Default, report.Baseline })
        {
            Console.WriteLine($"{appliance,-11} {score.Method,-18} {score.Mae,8:F1}   {score.Mape,7:F1}   {score.Coverage80,7:P1}   {score.Coverage95,7:P1}");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Anomalies, {HouseholdFile.Injected.Length} injected hours: hours flagged per appliance, default (seasonal-mad) / z-score (mean + 2σ)");
    Console.WriteLine(string.Join(", ", summary.Channels.Select(c => $"{c.Channel} {c.Anomalies.Count} / {c.Anomalies.ZScoreCount}")));
    foreach (var c in summary.Channels)
    {
        foreach (var a in c.Anomalies.Items)
        {
            Console.WriteLine($"  default flags {c.Channel,-8} {a.Start:ddd yyyy-MM-dd HH}:00Z  {a.Value,7:F0} Wh, expected {a.Expected,7:F1}, score {a.Score,7:F1}");
        }
    }

    foreach (var (day, hour, appliance, _) in HouseholdFile.Injected)
    {
        var at = new DateTimeOffset(HouseholdFile.Start.AddDays(day).AddHours(hour), TimeSpan.Zero);
        var zFlagged = MeterGrains.Analytics.Anomalies.ZScoreAnomalyDetector.Detect(Hourly(file, appliance)).Any(a => a.Start == at);
        Console.WriteLine($"  injected {appliance,-8} {at:ddd yyyy-MM-dd HH}:00Z  z-score flags it: {(zFlagged ? "yes" : "no")}");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static HourlyValue[] Hourly(byte[] file, string appliance)
{
    var builder = new HourlySeriesBuilder(HourAggregation.Sum);
    foreach (var line in System.Text.Encoding.UTF8.GetString(file).Split('\n').Skip(1).Where(l => l.Length > 0))
    {
        var fields = line.Split(',');
        if (fields[1] == appliance)
        {
            CsvTimestamp.TryParse(fields[0], TimeZoneInfo.Utc, out var at, out _);
            builder.Add(at, double.Parse(fields[2], CultureInfo.InvariantCulture) * 1000);
        }
    }

    return builder.Build();
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<long> Scalar(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static string MigrationsDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "Silo", "Database", "Migrations");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException($"src/Silo/Database/Migrations not found above {AppContext.BaseDirectory}.");
}

/// <summary>One way of importing, and its timings (negative runs are warm-ups, not recorded).</summary>
internal sealed class Case(string name, Func<int, Task<ImportOutcome>> import)
{
    public string Name => name;

    private readonly List<double> _totals = [];
    private readonly List<double> _parse = [];
    private readonly List<double> _store = [];
    private readonly List<double> _analyse = [];

    public async Task RunAsync(int run)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await import(run < 0 ? 100_000 - run : run);
        watch.Stop();
        if (run >= 0)
        {
            var t = outcome.Summary!.Timings;
            _totals.Add(watch.Elapsed.TotalMilliseconds);
            _parse.Add(t.ParseMs);
            _store.Add(t.StoreMs);
            _analyse.Add(t.AnalyseMs);
        }
    }

    public string Report() =>
        $"{name,-38} {Percentile(_totals, 0.5),6:F2} / {Percentile(_totals, 0.9),6:F2} / {_totals.Min(),6:F2}      "
        + $"{Percentile(_parse, 0.5),6:F2}   {Percentile(_store, 0.5),6:F2}   {Percentile(_analyse, 0.5),6:F2}";

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];
    }
}

/// <summary>Takes rows and forgets them: the import without the database.</summary>
internal sealed class DiscardingImportStore : IImportStore
{
    public ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken) => ValueTask.FromResult(rows.Count);

    public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
        ValueTask.FromResult(readings.Count);
}
