using System.Text;
using System.Text.Json;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary><c>POST</c> and <c>GET /api/v1/meters/{meterId}/readings</c> against the running silo.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class MeterReadingsApiTests(SingleSiloFixture fixture)
{
    /// <summary>
    /// A reading older than the 15-minute reorder window is stored as late without the grain seeing whether it has it:
    /// sent twice, it is one accepted reading, not two (the store tells the grain the second was a repeat).
    /// </summary>
    [Fact]
    public async Task A_late_reading_sent_twice_is_accepted_once()
    {
        var meterId = $"late-{Guid.NewGuid():N}"[..20];
        var now = DateTimeOffset.UtcNow;
        var late = $$"""[{"ts":"{{ReadingsJson.Iso(now.AddMinutes(-40))}}","importPowerW":50}]""";
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, $$"""[{"ts":"{{ReadingsJson.Iso(now.AddMinutes(-1))}}","importPowerW":100}]""");
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, late);
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, late);

        var meter = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{meterId}");
        Assert.Equal(2, meter.GetProperty("readingsAccepted").GetInt64());
        var stored = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/readings?from={ReadingsJson.Iso(now.AddHours(-1))}&to={ReadingsJson.Iso(now.AddMinutes(1))}");
        Assert.Equal([true, false], stored.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("late").GetBoolean()));
    }

    [Fact]
    public async Task Posted_readings_come_back_oldest_first_as_received_page_by_page()
    {
        var meterId = $"raw-{Guid.NewGuid():N}"[..20];
        var h = ReadingsJson.RecentHour();
        // Posted newest first: the store answers in time order all the same.
        var json = $$"""[{"ts":"{{ReadingsJson.Iso(h.AddMinutes(2))}}","importPowerW":30},{"ts":{{h.AddMinutes(1).ToUnixTimeMilliseconds()}},"importPowerW":20,"voltageV":231.5},{"ts":"{{ReadingsJson.Iso(h)}}","importPowerW":10,"importRegisterWh":5}]""";
        var posted = await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, json);
        Assert.Equal(3, posted.GetProperty("received").GetInt32());

        var all = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/readings?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}");
        var readings = all.GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal([h, h.AddMinutes(1), h.AddMinutes(2)], readings.Select(r => r.GetProperty("ts").GetDateTimeOffset()));
        Assert.Equal([10.0, 20.0, 30.0], readings.Select(r => r.GetProperty("importPowerW").GetDouble()));
        Assert.Equal(5, readings[0].GetProperty("importRegisterWh").GetDouble());
        Assert.Equal(231.5, readings[1].GetProperty("voltageV").GetDouble());
        Assert.False(readings[0].TryGetProperty("exportPowerW", out _), "absent values stay absent");
        Assert.All(readings, r => Assert.False(r.GetProperty("late").GetBoolean()));
        Assert.All(readings, r => Assert.InRange(r.GetProperty("receivedAt").GetDateTimeOffset(), h, DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextFrom").ValueKind);
        Assert.EndsWith("Z", readings[0].GetProperty("ts").GetString());

        // Two at a time: the page is full, so nextFrom points just after its last reading.
        var first = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/readings?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&limit=2");
        Assert.Equal(2, first.GetProperty("readings").GetArrayLength());
        var next = first.GetProperty("nextFrom").GetDateTimeOffset();
        Assert.Equal(h.AddMinutes(1).AddTicks(TimeSpan.TicksPerMicrosecond), next);
        var second = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/readings?from={Uri.EscapeDataString(first.GetProperty("nextFrom").GetString()!)}&to={ReadingsJson.Iso(h.AddHours(1))}&limit=2");
        Assert.Equal(h.AddMinutes(2), Assert.Single(second.GetProperty("readings").EnumerateArray()).GetProperty("ts").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_body_with_bad_readings_keeps_the_good_ones_and_says_why_the_others_were_refused()
    {
        var meterId = $"mixed-{Guid.NewGuid():N}"[..20];
        var h = ReadingsJson.RecentHour();
        var json = $$"""
            [
              {"ts":"{{ReadingsJson.Iso(h)}}","importPowerW":100},
              {"ts":"{{ReadingsJson.Iso(h.AddSeconds(20))}}","importPowerW":"lots"},
              {"ts":"{{ReadingsJson.Iso(DateTimeOffset.UtcNow.AddDays(-30))}}","importPowerW":1},
              {"ts":"{{ReadingsJson.Iso(h.AddSeconds(40))}}","importPowerW":-5},
              {"ts":"{{ReadingsJson.Iso(h.AddSeconds(60))}}","importPowerW":300}
            ]
            """;

        var report = await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, json);

        Assert.Equal(5, report.GetProperty("received").GetInt32());
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Contains("importPowerW", rejected[0].GetProperty("reason").GetString());
        Assert.Contains("late-data limit", rejected[1].GetProperty("reason").GetString());
        Assert.Contains("negative", rejected[2].GetProperty("reason").GetString());
        Assert.Equal(h.AddSeconds(40), rejected[2].GetProperty("ts").GetDateTimeOffset());

        var stored = (await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/readings?from={ReadingsJson.Iso(h.AddDays(-40))}&to={ReadingsJson.Iso(h.AddHours(1))}"))
            .GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal([100.0, 300.0], stored.Select(r => r.GetProperty("importPowerW").GetDouble()));

        // (100 + 300) / 2 W × 60 s = 12000 W·s.
        var meter = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{meterId}");
        Assert.Equal(12000.0 / 3600, meter.GetProperty("integratedImportWh").GetDouble(), 6);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "empty array")]
    [InlineData("42", "object or an array")]
    public async Task A_body_that_is_not_a_reading_payload_is_a_bad_request(string body, string named)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Silo.Http.PostAsync("/api/v1/meters/badbody-1/readings", content);
        Assert.Contains(named, await ReadingsJson.ProblemAsync(response, 400));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_too_large_and_an_invalid_meter_id_is_a_bad_request()
    {
        // 65537 bytes of valid JSON: one over the gateway's 65536-byte limit.
        var body = """{"importPowerW":1}""".PadRight(65_537);
        using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
        using (var tooLarge = await fixture.Silo.Http.PostAsync("/api/v1/meters/big-1/readings", content))
        {
            Assert.Contains("65536 bytes", await ReadingsJson.ProblemAsync(tooLarge, 413));
        }

        using var small = new StringContent("""{"importPowerW":1}""", Encoding.UTF8, "application/json");
        using var invalid = await fixture.Silo.Http.PostAsync("/api/v1/meters/bad%20id!/readings", small);
        Assert.Contains("meterId", await ReadingsJson.ProblemAsync(invalid, 400));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("from=2026-11-22T11:00:00Z&to=2026-11-22T10:00:00Z", "from must be before to")]
    [InlineData("to=soon", "to 'soon'")]
    public async Task Bad_reading_queries_get_problem_details(string query, string named)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/any-meter/readings?{query}");
        Assert.Contains(named, await ReadingsJson.ProblemAsync(response, 400));
    }

    [Fact]
    public async Task Readings_of_an_unknown_meter_are_not_found()
    {
        using var response = await fixture.Silo.Http.GetAsync("/api/v1/meters/never-seen-raw/readings");
        Assert.Contains("never-seen-raw", await ReadingsJson.ProblemAsync(response, 404));
    }
}
