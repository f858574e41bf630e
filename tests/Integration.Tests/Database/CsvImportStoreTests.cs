using MeterGrains.Imports;
using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

/// <summary>
/// The CSV import's store on the day rows of migration 0018: it adds only intervals a day lacks, a stored value stands,
/// its counts of new intervals are exact, and imports of the same days at once store each interval once.
/// </summary>
public sealed class CsvImportStoreTests
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2026-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_import_adds_only_missing_intervals_and_a_stored_value_stands()
    {
        var database = await TestDatabase.CreateMigratedAsync("import_store");
        await using var dataSource = NpgsqlDataSource.Create(database);
        var store = NewStore(dataSource, synchronousCommit: true);

        // s:A 00:00 twice in one call: the first copy (100) stands, as in a file. New: s:A 00:00, 01:00, s:B 00:00 = 3.
        Assert.Equal(3, await store.AppendEnergyAsync([Row("s:A", 0, 100), Row("s:B", 0, 50), Row("s:A", 1, 200), Row("s:A", 0, 999)], default));

        // s:A 01:00 with another value and s:B 00:00 again are duplicates; s:A 02:00 and the next day's 00:00 (hour 24) are new: 2.
        IReadOnlyList<EnergyRow> second = [Row("s:A", 24, 400), Row("s:A", 1, 777), Row("s:A", 2, 300), Row("s:B", 0, 50)];
        Assert.Equal(2, await store.AppendEnergyAsync(second, default));
        Assert.Equal(0, await store.AppendEnergyAsync(second, default));

        Assert.Equal(
            "s:A 2026-03-02T00:00 100; s:A 2026-03-02T01:00 200; s:A 2026-03-02T02:00 300; s:A 2026-03-03T00:00 400; s:B 2026-03-02T00:00 50",
            await ReadIntervalsAsync(database, "s:%"));
        // Two UTC days of s:A, one of s:B.
        Assert.Equal(3L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM interval_energy_days"));
    }

    /// <summary>
    /// Eight imports at once into two days of one sub-meter, import k covering hours 6k .. 6k + 17 of the 48 (clipped):
    /// together hours 0 .. 47, each stored once, so the imports' new-interval counts add up to 48, whichever wins each
    /// hour. Half of them commit asynchronously (Imports:SynchronousCommit = false), the other path of the store.
    /// </summary>
    [Fact]
    public async Task Concurrent_imports_of_the_same_days_store_each_interval_once()
    {
        var database = await TestDatabase.CreateMigratedAsync("import_race");
        await using var dataSource = NpgsqlDataSource.Create(database);

        var imports = Enumerable.Range(0, 8).Select(k =>
        {
            var store = NewStore(dataSource, synchronousCommit: k % 2 == 0);
            EnergyRow[] rows = [.. Enumerable.Range(6 * k, 18).Where(h => h < 48).Select(h => Row("s:C", h, (1000 * k) + h))];
            return Task.Run(async () => await store.AppendEnergyAsync(rows, default));
        }).ToArray();
        var added = await Task.WhenAll(imports);

        Assert.Equal(48, added.Sum());
        Assert.Equal(48L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(DISTINCT interval_start) FROM interval_energy WHERE meter_id = 's:C'"));
        Assert.Equal(48L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM interval_energy WHERE meter_id = 's:C'"));
        // Each hour holds the value of an import that covered it: energy = 1000 k + h with 6k ≤ h ≤ 6k + 17.
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(database, """
            SELECT count(*) FROM (
                SELECT extract(epoch FROM interval_start - timestamptz '2026-03-02T00:00:00Z')::bigint / 3600 AS h, energy_wh
                FROM interval_energy WHERE meter_id = 's:C') AS i
            WHERE (energy_wh::bigint % 1000) <> h OR h < 6 * (energy_wh::bigint / 1000) OR h > 6 * (energy_wh::bigint / 1000) + 17
            """));
    }

    /// <summary>
    /// The importer with batches of 50 stored two at a time: channels A (h + 1 Wh in hour h) and B (2 Wh) over hours
    /// 0 .. 99 in time order, 200 rows in four batches, then A's hour 0 again with 999 Wh, which the batch in flight with
    /// hour 0 could hold, so its batch waits and the first copy stands. Hand sums: A 1 + … + 100 = 5,050 Wh, B 200 Wh.
    /// </summary>
    [Fact]
    public async Task Batches_stored_while_the_file_is_parsed_keep_every_interval_once_and_the_first_copy()
    {
        var database = await TestDatabase.CreateMigratedAsync("import_pipeline");
        await using var dataSource = NpgsqlDataSource.Create(database);
        var options = Options.Create(new ImportOptions { StoreBatchRows = 50, StoreConcurrency = 2 });
        var importer = new CsvImporter(new PostgresImportStore(dataSource, options), options, TimeProvider.System);
        var csv = new System.Text.StringBuilder("timestamp,channel,wh\n");
        for (var h = 0; h < 100; h++)
        {
            var at = Day.AddHours(h).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            csv.Append($"{at},A,{h + 1}\n{at},B,2\n");
        }

        csv.Append("2026-03-02T00:00:00Z,A,999\n");

        var summary = (await importer.ImportAsync("p", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString())), TimeZoneInfo.Utc, default)).Summary!;

        Assert.Equal((201L, 200L, 1L), (summary.Accepted, summary.Stored, summary.Duplicates));
        Assert.Equal(200L, await TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM interval_energy WHERE meter_id LIKE 'p:%'"));
        Assert.Equal(5050.0, await TestDatabase.ScalarAsync<double>(database, "SELECT sum(energy_wh) FROM interval_energy WHERE meter_id = 'p:A'"));
        Assert.Equal(200.0, await TestDatabase.ScalarAsync<double>(database, "SELECT sum(energy_wh) FROM interval_energy WHERE meter_id = 'p:B'"));
    }

    private static PostgresImportStore NewStore(NpgsqlDataSource dataSource, bool synchronousCommit) =>
        new(dataSource, Options.Create(new ImportOptions { SynchronousCommit = synchronousCommit }));

    private static EnergyRow Row(string meterId, int hour, double energyWh) => new(meterId, Day.AddHours(hour), energyWh);

    private static Task<string> ReadIntervalsAsync(string database, string meterPattern) =>
        TestDatabase.ScalarAsync<string>(database, """
            SELECT string_agg(concat_ws(' ', meter_id, to_char(interval_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), energy_wh),
                              '; ' ORDER BY meter_id COLLATE "C", interval_start)
            FROM interval_energy WHERE meter_id LIKE @m
            """, ("m", meterPattern));
}
