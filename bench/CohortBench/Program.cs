// Times the cohort query (CohortEnergyReader, the SQL behind GET /api/v1/cohorts/energy) over N households × D days.
// Households and their daily energy are generated in SQL: the directory (0015) and the daily rollup the trigger on
// meter_buckets keeps (0015), as it stands after D days of quarter-hours; quarter-hours themselves are generated only
// for the last day, to time a 15-minute cohort too. Goal (issue 6): 10,000 households × 30 days in under 0.5 s.
// Usage: dotnet run -c Release --project bench/CohortBench -- [households] [days] [runs]
// Admin connection string from METERGRAINS_BENCH_POSTGRES (or METERGRAINS_TEST_POSTGRES); a scratch database is created and dropped.
using System.Diagnostics;
using System.Globalization;
using MeterGrains.Api.Cohorts;
using Npgsql;

var households = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;

var admin = Environment.GetEnvironmentVariable("METERGRAINS_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("METERGRAINS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set METERGRAINS_BENCH_POSTGRES to an admin connection string, e.g. Host=127.0.0.1;Port=5599;Username=postgres;Database=postgres");
var database = $"metergrains_bench_{Guid.NewGuid():N}";
await Execute(admin, $"CREATE DATABASE {database}");
try
{
    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    foreach (var migration in new[] { "0005_meter_readings.sql", "0015_household_directory.sql" })
    {
        await Execute(connectionString, await File.ReadAllTextAsync(MigrationPath(migration)));
    }

    var to = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    var from = to.AddDays(-days);
    var load = Stopwatch.StartNew();
    // Types cycle over the four, occupants 1..5; every tenth household has a PV meter.
    await Execute(connectionString, $"""
        INSERT INTO household_directory (household_id, type, occupants, time_zone, grid_meter_ids, production_meter_ids)
        SELECT 'h' || i, (ARRAY['apartment','house','commercial','other'])[1 + i % 4], 1 + i % 5, 'Europe/Brussels',
               ARRAY['g' || i], CASE WHEN i % 10 = 0 THEN ARRAY['p' || i] ELSE '{"{}"}' END
        FROM generate_series(1, {households}) i;
        ALTER TABLE meter_buckets DISABLE TRIGGER meter_buckets_daily_energy;
        INSERT INTO meter_daily_energy (meter_id, bucket_start, import_wh, export_wh)
        SELECT m, timestamptz '{from:O}' + d * interval '1 day', 5000 + (i * 7 + d * 13) % 4000, (i + d) % 3 * 100
        FROM generate_series(1, {households}) i, generate_series(0, {days - 1}) d,
             LATERAL (SELECT 'g' || i UNION ALL SELECT 'p' || i WHERE i % 10 = 0) AS meters(m);
        INSERT INTO meter_buckets (meter_id, bucket_start, import_wh, export_wh, complete)
        SELECT 'g' || i, timestamptz '{to.AddDays(-1):O}' + q * interval '15 minutes', 50 + (i + q) % 40, 0, true
        FROM generate_series(1, {households}) i, generate_series(0, 95) q;
        ANALYZE household_directory; ANALYZE meter_daily_energy; ANALYZE meter_buckets;
        """);
    Console.WriteLine($"loaded {households} households × {days} days in {load.Elapsed.TotalSeconds:F1} s");

    var reader = new CohortEnergyReader(dataSource);
    await Time("all households, 1d", new CohortFilter(null, null), from, to, TimeSpan.FromDays(1));
    await Time("type=house, 1d", new CohortFilter("house", null), from, to, TimeSpan.FromDays(1));
    await Time("type=house&occupants=2, 1d", new CohortFilter("house", 2), from, to, TimeSpan.FromDays(1));
    await Time("all households, last day in 15m", new CohortFilter(null, null), to.AddDays(-1), to, TimeSpan.FromMinutes(15));

    async Task Time(string name, CohortFilter filter, DateTimeOffset start, DateTimeOffset end, TimeSpan size)
    {
        var first = await reader.ReadAsync(filter, start, end, size, CancellationToken.None); // warm-up
        var times = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            await reader.ReadAsync(filter, start, end, size, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {first.Count} buckets, {first.Max(b => b.Households)} households; median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms over {runs} runs"));
    }
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
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
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

    throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
}
