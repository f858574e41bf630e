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
    foreach (var migration in new[] { "0005_meter_readings.sql", "0014_interval_energy.sql" })
    {
        await Execute(connectionString, await File.ReadAllTextAsync(MigrationPath(migration)));
    }

    var file = HouseholdFile.Create(days: 30);
    var options = Options.Create(new ImportOptions());
    var postgres = new CsvImporter(new PostgresImportStore(dataSource), options, TimeProvider.System);
    var discarding = new CsvImporter(new DiscardingImportStore(), options, TimeProvider.System);

    Console.WriteLine($"file: {file.Length:N0} bytes, {HouseholdFile.Appliances.Length * 30 * 24:N0} rows; {imports} imports per case after 20 warm-ups");
    Console.WriteLine("case                                   total ms (median / p90 / min)   parse    store    analyse  (medians)");
    // Each import a new meter id: 2,880 new rows every time, the work a first import does.
    await Measure("new rows, PostgreSQL", imports, i => postgres.ImportAsync($"bench-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default));
    // The same file again for one meter: every row a duplicate, nothing changes.
    await Measure("same file again, PostgreSQL", imports, _ => postgres.ImportAsync("bench-0", new MemoryStream(file), TimeZoneInfo.Utc, default));
    // Without the database: what parsing and analysis cost alone.
    await Measure("new rows, no database", imports, i => discarding.ImportAsync($"bench-{i}", new MemoryStream(file), TimeZoneInfo.Utc, default));

    var rows = await Scalar(connectionString, "SELECT count(*) FROM interval_energy WHERE meter_id LIKE 'bench-0:%'");
    Console.WriteLine($"rows stored for bench-0 after {imports + 21} imports of the same file: {rows:N0} (expected 2,880)");

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

    Console.WriteLine($"anomalies in the file (default / z-score): {string.Join(", ", summary.Channels.Select(c => $"{c.Channel} {c.Anomalies.Count}/{c.Anomalies.ZScoreCount}"))}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static async Task Measure(string name, int count, Func<int, Task<ImportOutcome>> import)
{
    for (var i = 0; i < 20; i++)
    {
        await import(100_000 + i);
    }

    var totals = new List<double>(count);
    var parse = new List<double>(count);
    var store = new List<double>(count);
    var analyse = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await import(i);
        watch.Stop();
        var t = outcome.Summary!.Timings;
        totals.Add(watch.Elapsed.TotalMilliseconds);
        parse.Add(t.ParseMs);
        store.Add(t.StoreMs);
        analyse.Add(t.AnalyseMs);
    }

    Console.WriteLine(
        $"{name,-38} {Median(totals),6:F2} / {Percentile(totals, 0.9),6:F2} / {totals.Min(),6:F2}        {Median(parse),6:F2}   {Median(store),6:F2}   {Median(analyse),6:F2}");
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

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];
}

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

static string MigrationPath(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "Silo", "Database", "Migrations", name);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"Migration {name} not found above {AppContext.BaseDirectory}.");
}

/// <summary>Takes rows and forgets them: the import without the database.</summary>
internal sealed class DiscardingImportStore : IImportStore
{
    public ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken) => ValueTask.FromResult(rows.Count);

    public ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken) =>
        ValueTask.FromResult(readings.Count);
}
