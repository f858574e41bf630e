using System.Net;
using System.Text;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary><c>POST /api/v1/imports/csv</c> and <c>GET /api/v1/meters/{id}/forecast</c> over real HTTP against a running silo.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class CsvImportTests(SingleSiloFixture fixture)
{
    // Line numbers count the header as line 1 and blank lines too.
    private const string ApplianceFile = """
        timestamp,appliance,kwh
        2026-10-01 18:00:00,AC,4.512
        2026-10-01 18:00:00,Fridge,0.100
        2026-10-01 19:00:00,AC,3.000
        2026-10-01 19:00:00,Fridge,lots
        2026-10-01 19:30:00,Fridge,0.300

        2026-10-01 20:00:00,AC,1.488
        2026-13-01 20:00:00,Fridge,0.1
        2026-10-01 20:00:00,Washing Machine,0.5
        2026-10-01 20:00:00,Fridge,-0.2
        """;

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_the_summary_holds_hand_computed_statistics()
    {
        var meterId = $"imp-{Guid.NewGuid():N}"[..16];
        var first = await ImportAsync(fixture.Silo.Http, meterId, ApplianceFile, "&tz=Europe/Brussels");

        // Data lines 2-6 and 8-11 (line 7 is blank): 9 rows; lines 5, 9, 10, 11 refused.
        Assert.Equal("intervalEnergy", first.GetProperty("shape").GetString());
        Assert.Equal("Europe/Brussels", first.GetProperty("timeZone").GetString());
        Assert.Equal((9, 5, 5, 0, 4), Counts(first));
        var errors = first.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([5L, 9L, 10L, 11L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.Contains("'lots' is not a number", errors[0].GetProperty("message").GetString());
        Assert.Contains("not a valid date", errors[1].GetProperty("message").GetString());
        Assert.Contains("Washing Machine", errors[2].GetProperty("message").GetString());
        Assert.Contains("negative", errors[3].GetProperty("message").GetString());

        var channels = first.GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(["AC", "Fridge"], channels.Select(c => c.GetProperty("channel").GetString()));
        Assert.Equal($"{meterId}:AC", channels[0].GetProperty("meterId").GetString());

        // AC in Wh: 4512, 3000, 1488 at 18:00, 19:00, 20:00 Brussels summer time = 16:00Z, 17:00Z, 18:00Z.
        // Sum 9000, mean 3000, deviations ±1512 and 0: sample variance 2 × 1512² / 2, σ = 1512.
        var ac = channels[0].GetProperty("statistics");
        Assert.Equal(3, ac.GetProperty("hours").GetInt32());
        Assert.Equal(9000, ac.GetProperty("sum").GetDouble(), 6);
        Assert.Equal(3000, ac.GetProperty("mean").GetDouble(), 6);
        Assert.Equal(1512, ac.GetProperty("standardDeviation").GetDouble(), 6);
        Assert.Equal(1488, ac.GetProperty("min").GetDouble(), 6);
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T18:00:00Z"), ac.GetProperty("minAt").GetDateTimeOffset());
        Assert.Equal(4512, ac.GetProperty("max").GetDouble(), 6);
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T16:00:00Z"), ac.GetProperty("maxAt").GetDateTimeOffset());
        Assert.Equal([18, 19, 20], ac.GetProperty("peakHours").EnumerateArray().Select(p => p.GetProperty("hour").GetInt32()));

        // Fridge: 100 Wh in the 18:00 hour, 300 Wh at 19:30 in the 19:00 hour: sum 400, mean 200, σ = √(2 × 100² / 1) = 141.421.
        var fridge = channels[1].GetProperty("statistics");
        Assert.Equal(400, fridge.GetProperty("sum").GetDouble(), 6);
        Assert.Equal(141.421, fridge.GetProperty("standardDeviation").GetDouble(), 3);

        // Three values: median 3000, MAD 1512, every score ±0.674 or 0; mean + 2σ = 6024 is above all. No anomaly.
        Assert.Equal(0, channels[0].GetProperty("anomalies").GetProperty("count").GetInt32());
        Assert.Equal(0, channels[0].GetProperty("anomalies").GetProperty("zScoreCount").GetInt32());
        // The forecast starts after 18:00Z (20:00 local), hourly to the end of the 7th whole local day:
        // 19:00Z .. 8 October 22:00Z (midnight local) = 3 + 7 × 24 = 171 hours.
        var forecast = channels[0].GetProperty("forecast");
        Assert.Equal(171, forecast.GetProperty("hourly").GetArrayLength());
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T22:00:00Z"), forecast.GetProperty("daily")[0].GetProperty("start").GetDateTimeOffset());

        var second = await ImportAsync(fixture.Silo.Http, meterId, ApplianceFile, "&tz=Europe/Brussels");
        Assert.Equal((9, 5, 0, 5, 4), Counts(second));

        // Stored once: 5 rows, 4512 + 3000 + 1488 + 100 + 300 = 9400 Wh, with the instants in UTC.
        Assert.Equal(5L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM interval_energy WHERE meter_id LIKE @m", ("m", $"{meterId}:%")));
        Assert.Equal(9400, await TestDatabase.ScalarAsync<double>(fixture.ConnectionString,
            "SELECT sum(energy_wh) FROM interval_energy WHERE meter_id LIKE @m", ("m", $"{meterId}:%")), 6);
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T17:30:00Z"), await TestDatabase.ScalarAsync<DateTime>(fixture.ConnectionString,
            "SELECT max(interval_start) FROM interval_energy WHERE meter_id = @m", ("m", $"{meterId}:Fridge")));
    }

    [Fact]
    public async Task A_sub_meter_is_forecast_from_its_stored_history_per_hour_and_per_day()
    {
        // Three days of 1 kWh every hour, with offsets given: UTC whatever tz says.
        var meterId = $"fc-{Guid.NewGuid():N}"[..16];
        var start = DateTimeOffset.Parse("2026-09-07T00:00:00Z");
        var rows = Enumerable.Range(0, 72).Select(h => $"{ReadingsJson.Iso(start.AddHours(h))},pump,1000");
        await ImportAsync(fixture.Silo.Http, meterId, $"ts,circuit,wh\n{string.Join('\n', rows)}\n", "&tz=Europe/Brussels");

        var daily = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{meterId}:pump/forecast?interval=1d&tz=UTC");
        // Every hour 1000 Wh: each slot's mean is 1000, every leave-one-out residual 0: days of 24 × 1000 Wh, no spread.
        Assert.Equal("energyWh", daily.GetProperty("quantity").GetString());
        Assert.Equal(72, daily.GetProperty("historyHours").GetInt32());
        Assert.Equal(DateTimeOffset.Parse("2026-09-10T00:00:00Z"), daily.GetProperty("historyTo").GetDateTimeOffset());
        var days = daily.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.All(days, d => Assert.Equal(24000, d.GetProperty("expected").GetDouble(), 6));
        Assert.All(days, d => Assert.Equal(24000, d.GetProperty("upper95").GetDouble(), 6));
        Assert.Equal(DateTimeOffset.Parse("2026-09-16T00:00:00Z"), days[6].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, daily.GetProperty("backtest").ValueKind);

        var hourly = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{meterId}:pump/forecast");
        Assert.Equal(168, hourly.GetProperty("points").GetArrayLength());
        Assert.Equal(1000, hourly.GetProperty("points")[0].GetProperty("expected").GetDouble(), 6);

        using var unknown = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}:nothing/forecast");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Readings_are_stored_as_late_history_that_a_meter_never_replays()
    {
        var meterId = $"rd-{Guid.NewGuid():N}"[..16];
        const string file = """
            ts,importPowerW,voltageV,note
            2026-09-01T10:00:00Z,100,230,first
            2026-09-01T10:30:00Z,300,232,
            2026-09-01T11:00:00Z,400,,
            2026-09-01T11:30:00Z,-5,231,negative
            """;
        var summary = await ImportAsync(fixture.Silo.Http, meterId, file, string.Empty);

        Assert.Equal("readings", summary.GetProperty("shape").GetString());
        Assert.Equal((4, 3, 3, 0, 1), Counts(summary));
        Assert.Equal(5, summary.GetProperty("errors")[0].GetProperty("line").GetInt64());
        Assert.Equal(["note"], summary.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        // importPowerW hourly means: 10:00 (100 + 300) / 2 = 200, 11:00 400 → sum 600, mean 300.
        var power = summary.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "importPowerW");
        Assert.Equal("W", power.GetProperty("unit").GetString());
        Assert.Equal(600, power.GetProperty("statistics").GetProperty("sum").GetDouble(), 6);
        Assert.Equal(300, power.GetProperty("statistics").GetProperty("mean").GetDouble(), 6);

        Assert.Equal(3L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_readings WHERE meter_id = @m AND late AND ingest_id = 0", ("m", meterId)));
    }

    [Fact]
    public async Task A_file_of_neither_shape_is_a_bad_request_and_a_large_one_is_too_large()
    {
        var meterId = $"bad-{Guid.NewGuid():N}"[..16];
        using (var response = await PostAsync(fixture.Silo.Http, meterId, "name,age\nbob,42\n", string.Empty))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("nor of an interval-energy file", await response.Content.ReadAsStringAsync());
        }

        // Binary without a line break: refused after the first 4096 bytes, never gathered whole.
        using (var response = await PostAsync(fixture.Silo.Http, meterId, new string('\u0001', 100_000), string.Empty))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await PostAsync(fixture.Silo.Http, meterId, "timestamp,kwh\n", "&tz=Mars/Olympus"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // The fixture allows 1 MiB (Imports:MaxUploadBytes = 1048576): 1.5 MiB with a length, and without one (chunked).
        var big = "timestamp,kwh\n" + string.Concat(Enumerable.Repeat("2026-09-01 00:00:00,1.0\n", 1_572_864 / 24));
        using (var response = await PostAsync(fixture.Silo.Http, meterId, big, string.Empty))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports/csv?meterId={meterId}") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var response = await fixture.Silo.Http.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    [Fact]
    public async Task Only_operators_import_and_a_meter_id_is_required()
    {
        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        using (var response = await PostAsync(resident, "res-meter", ApplianceFile, string.Empty))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var missing = await fixture.Silo.Http.PostAsync("/api/v1/imports/csv", new StringContent(ApplianceFile));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    private static (long Rows, long Accepted, long Stored, long Duplicates, long Rejected) Counts(JsonElement summary) => (
        summary.GetProperty("rows").GetInt64(),
        summary.GetProperty("accepted").GetInt64(),
        summary.GetProperty("stored").GetInt64(),
        summary.GetProperty("duplicates").GetInt64(),
        summary.GetProperty("rejected").GetInt64());

    private static async Task<JsonElement> ImportAsync(HttpClient http, string meterId, string csv, string query)
    {
        using var response = await PostAsync(http, meterId, csv, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"CSV import of {meterId} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string meterId, string csv, string query) =>
        http.PostAsync($"/api/v1/imports/csv?meterId={meterId}{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
