using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MeterGrains.Integration.Tests.EndToEnd;
using MeterGrains.Integration.Tests.Infrastructure;
using ParquetSharp;

namespace MeterGrains.Integration.Tests.Exports;

/// <summary>
/// Readings posted over HTTP to a real silo, a day exported through <c>POST /api/v1/exports/run</c>, and the files read
/// back by readers other than the writer and compared row by row with PostgreSQL.
/// </summary>
public sealed class ExportApiTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("metergrains-export-").FullName;
    private string _connectionString = string.Empty;
    private SiloProcess? _silo;

    private SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync("export");
        // Not enabled: the test decides when a day is exported. Row groups of 1000 rows, the smallest allowed.
        _silo = await SiloProcess.StartAsync(_connectionString, $"export-{Guid.NewGuid():N}", settings: new Dictionary<string, string>
        {
            ["Export__Directory"] = _directory,
            ["Export__RowGroupRows"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_day_exported_as_Parquet_and_JSONL_reads_back_row_for_row_as_PostgreSQL_holds_it()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var next = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // m-a: 600 W and a rising register, a reading a minute 10:00..11:30 (91 readings).
        await ReadingsJson.PostAsync(Silo.Http, "m-a", ReadingsJson.ConstantPower(start, 90, "importPowerW", 600, registerStartWh: 1000));
        // m-b: sparse values, a millisecond timestamp just before midnight, and one reading of the next day (not exported).
        await ReadingsJson.PostAsync(Silo.Http, "m-b", $$"""
            [{"ts":"{{ReadingsJson.Iso(start.AddHours(2))}}","exportPowerW":50.25,"voltageV":230.1},
             {"ts":"{{ReadingsJson.Iso(start.AddHours(2).AddMinutes(1))}}","exportPowerW":0},
             {"ts":{{next.AddMilliseconds(-877).ToUnixTimeMilliseconds()}},"importPowerW":1,"frequencyHz":50.01,"powerFactor":-0.5},
             {"ts":"{{ReadingsJson.Iso(next)}}","importPowerW":2}]
            """);

        using var run = await Silo.Http.PostAsync($"/api/v1/exports/run?date={day:yyyy-MM-dd}", null);
        var body = await run.Content.ReadAsStringAsync();
        Assert.True(run.StatusCode == HttpStatusCode.OK, body);
        var files = JsonDocument.Parse(body).RootElement.GetProperty("days")[0].GetProperty("files").EnumerateArray().ToList();
        // 91 readings of m-a and 3 of m-b fall on the day.
        Assert.Equal(["readings", "buckets"], files.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(94, files[0].GetProperty("rows").GetInt64());
        var readingsPath = Path.Combine(_directory, $"kind=readings/date={day:yyyy-MM-dd}/part-0000.parquet");
        var bucketsPath = Path.Combine(_directory, $"kind=buckets/date={day:yyyy-MM-dd}/part-0000.parquet");
        Assert.Equal($"kind=readings/date={day:yyyy-MM-dd}/part-0000.parquet", files[0].GetProperty("path").GetString());

        var databaseReadings = await ExportedRows.FromDatabaseAsync(_connectionString, "meter_readings", ExportedRows.ReadingColumns, day);
        Assert.Equal(94, databaseReadings.Count);
        AssertSameRows(databaseReadings, ExportedRows.FromParquet(readingsPath, ExportedRows.ReadingColumns));
        var databaseBuckets = await ExportedRows.FromDatabaseAsync(_connectionString, "meter_buckets", ExportedRows.BucketColumns, day);
        var parquetBuckets = ExportedRows.FromParquet(bucketsPath, ExportedRows.BucketColumns);
        AssertSameRows(databaseBuckets, parquetBuckets);

        // Stored quarter-hours of m-a: the newest reading (11:30) less the 15-minute reorder window is 11:15, and buckets
        // close up to the last reading before that (11:14): 10:00, 10:15, 10:30, 10:45 (11:00 ends at 11:15), each 600 W × 0.25 h = 150 Wh, and the register
        // rose 600/60 Wh a minute × 15 = 150 Wh in each.
        var ma = parquetBuckets.Where(b => (string)b[0]! == "m-a").ToList();
        Assert.Equal([.. Enumerable.Range(0, 4).Select(q => start.AddMinutes(15 * q).UtcTicks)], ma.Select(b => (long)b[1]!));
        Assert.All(ma, b => Assert.Equal(150.0, (double)b[2]!, 9));
        Assert.All(ma, b => Assert.Equal(150.0, (double)b[4]!, 9));

        // The schema as readers see it: INT64 timestamps in UTC microseconds, optional doubles, the export's metadata.
        using (var reader = new ParquetFileReader(readingsPath))
        {
            var ts = reader.FileMetaData.Schema.Column(1);
            Assert.Equal(PhysicalType.Int64, ts.PhysicalType);
            var timestamp = Assert.IsType<TimestampLogicalType>(ts.LogicalType);
            Assert.True(timestamp.IsAdjustedToUtc);
            Assert.Equal(TimeUnit.Micros, timestamp.TimeUnit);
            Assert.Equal(Repetition.Required, ts.SchemaNode.Repetition);
            Assert.Equal(Repetition.Optional, reader.FileMetaData.Schema.Column(2).SchemaNode.Repetition);
            Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reader.FileMetaData.KeyValueMetadata["metergrains.day"]);
        }

        // The millisecond timestamp survives: 23:59:59.123.
        Assert.Contains(databaseReadings, r => (long)r[1]! == next.AddMilliseconds(-877).UtcTicks);
        await AssertMarkerAsync(readingsPath, 94);

        // The same day as JSONL, on request.
        using var jsonl = await Silo.Http.PostAsync($"/api/v1/exports/run?date={day:yyyy-MM-dd}&format=jsonl", null);
        Assert.Equal(HttpStatusCode.OK, jsonl.StatusCode);
        AssertSameRows(databaseReadings, ExportedRows.FromJsonl(Path.ChangeExtension(readingsPath, ".jsonl"), ExportedRows.ReadingColumns));
        AssertSameRows(databaseBuckets, ExportedRows.FromJsonl(Path.ChangeExtension(bucketsPath, ".jsonl"), ExportedRows.BucketColumns));

        // Recorded: two kinds in two formats; no temporary file is left anywhere.
        var listed = await ReadingsJson.GetAsync(Silo.Http, $"/api/v1/exports?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        var records = listed.GetProperty("exports").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("format").GetString(), e.GetProperty("rows").GetInt64())).ToList();
        Assert.Equal([("readings", "jsonl", 94L), ("readings", "parquet", 94L), ("buckets", "jsonl", databaseBuckets.Count), ("buckets", "parquet", databaseBuckets.Count)], records);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Today_and_bad_parameters_are_refused_naming_the_parameter()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var current = await Silo.Http.PostAsync($"/api/v1/exports/run?date={today:yyyy-MM-dd}", null);
        Assert.Contains("complete UTC day", await ReadingsJson.ProblemAsync(current, 400));
        using var badDate = await Silo.Http.PostAsync("/api/v1/exports/run?date=22.11.2026", null);
        Assert.Contains("date must be a UTC day", await ReadingsJson.ProblemAsync(badDate, 400));
        using var badFormat = await Silo.Http.PostAsync($"/api/v1/exports/run?date={today.AddDays(-1):yyyy-MM-dd}&format=csv", null);
        Assert.Contains("format must be parquet or jsonl", await ReadingsJson.ProblemAsync(badFormat, 400));
        using var badLimit = await Silo.Http.GetAsync("/api/v1/exports?limit=0");
        Assert.Contains("limit", await ReadingsJson.ProblemAsync(badLimit, 400));
    }

    private static void AssertSameRows(List<object?[]> expected, List<object?[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.True(expected[r].SequenceEqual(actual[r]),
                $"row {r}: database ({string.Join(", ", expected[r])}) but file ({string.Join(", ", actual[r])})");
        }
    }

    private static async Task AssertMarkerAsync(string dataFile, long rows)
    {
        var marker = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(dataFile)!, "_SUCCESS"))).RootElement;
        Assert.Equal(rows, marker.GetProperty("rows").GetInt64());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(dataFile)));
        Assert.Equal(sha256, marker.GetProperty("sha256").GetString());
    }
}
