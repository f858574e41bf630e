using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// <c>GET /api/v1/households/{id}/forecast</c> over real HTTP against a running silo, with history stored by CSV
/// interval-energy imports; and both forecast endpoints as a processing app sees them (pseudonyms only).
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class HouseholdForecastApiTests(SingleSiloFixture fixture)
{
    // Monday 7 September 2026, 00:00 UTC: three whole UTC days of history from here.
    private static readonly DateTimeOffset HistoryStart = DateTimeOffset.Parse("2026-09-07T00:00:00Z");

    [Fact]
    public async Task A_household_is_forecast_as_the_hourly_sum_of_its_grid_meters()
    {
        var household = NewHousehold("hf");
        var (gridA, gridB, pv) = ($"{household}-a", $"{household}-b", $"{household}-pv");
        await PutHouseholdAsync(household, "Europe/Brussels", (gridA, "grid"), (gridB, "grid"), (pv, "production"));

        // Grid a: 300 Wh every hour of the 72. Grid b: 100·h Wh in UTC hour h of day, from two hours earlier (6 September
        // 22:00 and 23:00 UTC, which grid a lacks, so they are left out). The PV meter's 5 kWh an hour is production and
        // is not summed.
        await ImportAsync(gridA, Hours(HistoryStart, 72, _ => 300));
        await ImportAsync(gridB, Hours(HistoryStart.AddHours(-2), 74, t => 100 * t.Hour));
        await ImportAsync(pv, Hours(HistoryStart, 72, _ => 5000));

        // Hand calculation. The sum at UTC hour h is 300 + 100·h, the same every day. 72 hours give every hour of day
        // three values, all equal, so each slot (day type and hour, or hour of day where a weekend slot has none) has mean
        // 300 + 100·h and every leave-one-out residual is 0: the intervals collapse onto the expected value.
        var hourly = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/households/{household}/forecast?tz=UTC");
        Assert.Equal(household, hourly.GetProperty("householdId").GetString());
        Assert.Equal(2, hourly.GetProperty("gridMeters").GetInt32());
        Assert.Equal("1h", hourly.GetProperty("interval").GetString());
        Assert.Equal("UTC", hourly.GetProperty("timeZone").GetString());
        Assert.Equal("seasonal-profile", hourly.GetProperty("method").GetString());
        Assert.Equal("energyWh", hourly.GetProperty("quantity").GetString());
        Assert.Equal("Wh", hourly.GetProperty("unit").GetString());
        Assert.Equal(HistoryStart, hourly.GetProperty("historyFrom").GetDateTimeOffset());
        Assert.Equal(HistoryStart.AddHours(72), hourly.GetProperty("historyTo").GetDateTimeOffset());
        Assert.Equal(72, hourly.GetProperty("historyHours").GetInt32());
        Assert.Equal(JsonValueKind.Null, hourly.GetProperty("backtest").ValueKind); // under three weeks

        // From 10 September 00:00 UTC to the end of the 7th whole UTC day: 7 × 24 = 168 hours.
        var points = hourly.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(168, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var start = points[i].GetProperty("start").GetDateTimeOffset();
            Assert.Equal(HistoryStart.AddHours(72 + i), start);
            var expected = 300 + (100 * start.Hour);
            foreach (var field in new[] { "expected", "lower80", "upper80", "lower95", "upper95" })
            {
                Assert.Equal(expected, points[i].GetProperty(field).GetDouble(), 6);
            }
        }

        // Days in the household's zone (Brussels, UTC+2 in September). Any 24 consecutive hours hold every hour of day
        // once: 24 × 300 + 100 × (0 + 1 + … + 23) = 7,200 + 27,600 = 34,800 Wh. The first whole local day after
        // 10 September 00:00 UTC (02:00 local) starts at 11 September 00:00 local = 10 September 22:00 UTC.
        var daily = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/households/{household}/forecast?interval=1d");
        Assert.Equal("1d", daily.GetProperty("interval").GetString());
        Assert.Equal("Europe/Brussels", daily.GetProperty("timeZone").GetString());
        var days = daily.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal(DateTimeOffset.Parse("2026-09-10T22:00:00Z"), days[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-09-17T22:00:00Z"), days[6].GetProperty("end").GetDateTimeOffset());
        Assert.All(days, d => Assert.Equal(34_800, d.GetProperty("expected").GetDouble(), 6));
        Assert.All(days, d => Assert.Equal(34_800, d.GetProperty("lower95").GetDouble(), 6));
        Assert.All(days, d => Assert.Equal(34_800, d.GetProperty("upper95").GetDouble(), 6));
    }

    [Fact]
    public async Task Too_little_or_missing_history_and_unknown_households_are_problems()
    {
        var http = fixture.Silo.Http;

        // Ten hours of history: under the 24 a daily rhythm needs.
        var brief = NewHousehold("hs");
        await PutHouseholdAsync(brief, "UTC", ($"{brief}-grid", "grid"));
        await ImportAsync($"{brief}-grid", Hours(HistoryStart, 10, _ => 100));
        var detail = await ProblemAsync(http, $"/api/v1/households/{brief}/forecast", 404);
        Assert.Contains("10 hours", detail, StringComparison.Ordinal);

        // Two grid meters, one without any history: no sum without it.
        var half = NewHousehold("hh");
        await PutHouseholdAsync(half, "UTC", ($"{half}-a", "grid"), ($"{half}-b", "grid"));
        await ImportAsync($"{half}-a", Hours(HistoryStart, 48, _ => 100));
        detail = await ProblemAsync(http, $"/api/v1/households/{half}/forecast", 404);
        Assert.Contains("1 of the 2 meters", detail, StringComparison.Ordinal);

        detail = await ProblemAsync(http, $"/api/v1/households/{NewHousehold("hu")}/forecast", 404);
        Assert.Contains("not defined", detail, StringComparison.Ordinal);

        await ProblemAsync(http, $"/api/v1/households/{half}/forecast?interval=15m", 400);
        await ProblemAsync(http, $"/api/v1/households/{half}/forecast?tz=Mars/Olympus", 400);
    }

    [Fact]
    public async Task A_processor_asks_for_forecasts_by_pseudonym_and_is_answered_with_pseudonyms()
    {
        var household = NewHousehold("hp");
        var meter = $"{household}-grid";
        await PutHouseholdAsync(household, "UTC", (meter, "grid"));
        await ImportAsync(meter, Hours(HistoryStart, 48, _ => 250));
        // A sub-meter of a CSV interval import: its pseudonym is issued by the import.
        await ImportAsync(meter, "ts,circuit,wh\n" + string.Join('\n',
            Enumerable.Range(0, 48).Select(h => $"{ReadingsJson.Iso(HistoryStart.AddHours(h))},pump,40")) + "\n");

        using var processor = fixture.Silo.CreateClient(SiloProcess.ProcessorApiKey);

        // Every hour 250 Wh for the household and its one grid meter, 40 Wh for the pump: each slot's mean, no spread.
        using var householdResponse = await processor.GetAsync($"/api/v1/households/{TestPseudonyms.Of(household)}/forecast");
        var householdText = await householdResponse.Content.ReadAsStringAsync();
        Assert.True(householdResponse.IsSuccessStatusCode, householdText);
        var householdJson = JsonDocument.Parse(householdText).RootElement;
        Assert.Equal(TestPseudonyms.Of(household), householdJson.GetProperty("householdId").GetString());
        Assert.Equal(250, householdJson.GetProperty("points")[0].GetProperty("expected").GetDouble(), 6);
        // The meter ids start with the household id: neither appears anywhere in the answer.
        Assert.DoesNotContain(household, householdText, StringComparison.Ordinal);

        using var meterResponse = await processor.GetAsync($"/api/v1/meters/{TestPseudonyms.Of(meter)}/forecast");
        var meterText = await meterResponse.Content.ReadAsStringAsync();
        Assert.True(meterResponse.IsSuccessStatusCode, meterText);
        var meterJson = JsonDocument.Parse(meterText).RootElement;
        Assert.Equal(TestPseudonyms.Of(meter), meterJson.GetProperty("meterId").GetString());
        Assert.Equal(250, meterJson.GetProperty("points")[0].GetProperty("expected").GetDouble(), 6);
        Assert.DoesNotContain(household, meterText, StringComparison.Ordinal);

        var pump = await ReadingsJson.GetAsync(processor, $"/api/v1/meters/{TestPseudonyms.Of($"{meter}:pump")}/forecast?interval=1d");
        Assert.Equal(TestPseudonyms.Of($"{meter}:pump"), pump.GetProperty("meterId").GetString());
        Assert.Equal(24 * 40, pump.GetProperty("points")[0].GetProperty("expected").GetDouble(), 6);

        // By real id, or by the pseudonym of a meter without history (the reason names the pseudonym only).
        var detail = await ProblemAsync(processor, $"/api/v1/households/{household}/forecast", 404);
        Assert.Contains("pseudonym", detail, StringComparison.Ordinal);
        detail = await ProblemAsync(processor, $"/api/v1/meters/{meter}/forecast", 404);
        Assert.Contains("pseudonym", detail, StringComparison.Ordinal);
        var bare = NewHousehold("hb");
        await PutHouseholdAsync(bare, "UTC", ($"{bare}-grid", "grid"));
        detail = await ProblemAsync(processor, $"/api/v1/meters/{TestPseudonyms.Of($"{bare}-grid")}/forecast", 404);
        Assert.Contains(TestPseudonyms.Of($"{bare}-grid"), detail, StringComparison.Ordinal);
        Assert.DoesNotContain(bare, detail, StringComparison.Ordinal);
    }

    private static async Task<string> ProblemAsync(HttpClient http, string path, int status)
    {
        using var response = await http.GetAsync(path);
        return await ReadingsJson.ProblemAsync(response, status);
    }

    private static string NewHousehold(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    /// <summary>An interval-energy CSV (no channel column) of <paramref name="count"/> hours from <paramref name="start"/>.</summary>
    private static string Hours(DateTimeOffset start, int count, Func<DateTimeOffset, int> wh) =>
        "ts,wh\n" + string.Join('\n', Enumerable.Range(0, count).Select(h => start.AddHours(h)).Select(t => $"{ReadingsJson.Iso(t)},{wh(t).ToString(CultureInfo.InvariantCulture)}")) + "\n";

    private async Task ImportAsync(string meterId, string csv)
    {
        using var response = await fixture.Silo.Http.PostAsync(
            $"/api/v1/imports/csv?meterId={meterId}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(response.IsSuccessStatusCode, $"CSV import of {meterId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task PutHouseholdAsync(string householdId, string timeZone, params (string MeterId, string Role)[] meters)
    {
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "house",
            occupants = 2,
            timeZone,
            meters = meters.Select(m => new { meterId = m.MeterId, role = m.Role }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }
}
