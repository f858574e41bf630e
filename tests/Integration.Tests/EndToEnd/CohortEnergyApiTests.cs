using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary><c>GET /api/v1/cohorts/energy</c>: averages computed in the database, suppressed below k = 3.</summary>
public sealed class CohortEnergyApiTests(CohortSiloFixture fixture) : IClassFixture<CohortSiloFixture>
{
    private const double Precision = 1e-6;

    private readonly List<(string Meter, string Field, double Watts)> _posted = [];

    [Fact]
    public async Task Averages_per_household_and_per_person_and_suppression_below_k()
    {
        var http = fixture.Silo.Http;
        var h = ReadingsJson.RecentHour();

        // Six households of type "other". Readings each minute from h to h + 90 min close every quarter-hour of the
        // first hour, so a constant power P gives P Wh in [h, h + 1 h).
        //   A: 1 occupant,  grid imports 1000 W                                  → import 1000, consumption 1000
        //   B: 2 occupants, grid imports 2000 W                                  → import 2000, consumption 2000
        //   C: 2 occupants, grid imports  400 W                                  → import  400, consumption  400
        //   D: 4 occupants, grid imports  600 W                                  → import  600, consumption  600
        //   E: 2 occupants, grid exports  500 W, PV clamp shows 1500 W export    → export 500, production 1500,
        //                                                                          consumption 0 − 500 + 1500 = 1000
        //   F: 1 occupant, a grid meter without readings                         → not counted
        var prefix = $"co-{Guid.NewGuid():N}"[..11];
        await PutAsync(http, $"{prefix}-a", 1, ("grid", "importPowerW", 1000));
        await PutAsync(http, $"{prefix}-b", 2, ("grid", "importPowerW", 2000));
        await PutAsync(http, $"{prefix}-c", 2, ("grid", "importPowerW", 400));
        await PutAsync(http, $"{prefix}-d", 4, ("grid", "importPowerW", 600));
        await PutAsync(http, $"{prefix}-e", 2, ("grid", "exportPowerW", 500), ("production", "exportPowerW", 1500));
        await PutAsync(http, $"{prefix}-f", 1);
        foreach (var (meter, field, watts) in _posted)
        {
            await ReadingsJson.PostAsync(http, meter, ReadingsJson.ConstantPower(h, 90, field, watts));
        }

        var hour = $"from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&interval=1h";

        // All of type "other": 5 households (F has no data), 1 + 2 + 2 + 4 + 2 = 11 occupants.
        // Per household: import (1000 + 2000 + 400 + 600 + 0) / 5 = 800, export 500 / 5 = 100, production 1500 / 5 = 300,
        // consumption (1000 + 2000 + 400 + 600 + 1000) / 5 = 1000. Per person: 5000 / 11.
        var all = Single(await ReadingsJson.GetAsync(http, $"/api/v1/cohorts/energy?type=other&{hour}"));
        Assert.False(all.GetProperty("suppressed").GetBoolean());
        Assert.Equal(5, all.GetProperty("households").GetInt32());
        Assert.Equal(800, all.GetProperty("importWhPerHousehold").GetDouble(), Precision);
        Assert.Equal(100, all.GetProperty("exportWhPerHousehold").GetDouble(), Precision);
        Assert.Equal(300, all.GetProperty("productionWhPerHousehold").GetDouble(), Precision);
        Assert.Equal(1000, all.GetProperty("consumptionWhPerHousehold").GetDouble(), Precision);
        Assert.Equal(5000.0 / 11, all.GetProperty("consumptionWhPerPerson").GetDouble(), Precision);

        // Two occupants: B, C, E, exactly k. Consumption (2000 + 400 + 1000) / 3; per person 3400 / 6; import 2400 / 3.
        var two = Single(await ReadingsJson.GetAsync(http, $"/api/v1/cohorts/energy?type=other&occupants=2&{hour}"));
        Assert.False(two.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, two.GetProperty("households").GetInt32());
        Assert.Equal(3400.0 / 3, two.GetProperty("consumptionWhPerHousehold").GetDouble(), Precision);
        Assert.Equal(3400.0 / 6, two.GetProperty("consumptionWhPerPerson").GetDouble(), Precision);
        Assert.Equal(800, two.GetProperty("importWhPerHousehold").GetDouble(), Precision);

        // Four occupants: D alone, below k: no figures and no count. No household of type "house" at all: the same.
        foreach (var cohort in new[] { "type=other&occupants=4", "type=house" })
        {
            var answer = await ReadingsJson.GetAsync(http, $"/api/v1/cohorts/energy?{cohort}&{hour}");
            Assert.Equal(CohortSiloFixture.MinHouseholds, answer.GetProperty("minHouseholds").GetInt32());
            var suppressed = Single(answer);
            Assert.True(suppressed.GetProperty("suppressed").GetBoolean(), cohort);
            foreach (var figure in new[] { "households", "importWhPerHousehold", "consumptionWhPerHousehold", "consumptionWhPerPerson" })
            {
                Assert.Equal(JsonValueKind.Null, suppressed.GetProperty(figure).ValueKind);
            }
        }

        // Quarter-hours: each household has a quarter of its hour, consumption 1000 / 4 = 250 per household.
        var quarters = (await ReadingsJson.GetAsync(http,
                $"/api/v1/cohorts/energy?type=other&from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&interval=15m"))
            .GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([h, h.AddMinutes(15), h.AddMinutes(30), h.AddMinutes(45)], quarters.Select(b => b.GetProperty("start").GetDateTimeOffset()));
        Assert.All(quarters, q => Assert.Equal(250, q.GetProperty("consumptionWhPerHousehold").GetDouble(), Precision));

        // Days come from the daily rollup the trigger keeps; a second method is the sum of the quarter-hours of the same
        // two UTC days (every stored quarter-hour holds all five households, so averages add up). It covers at least the hour.
        var midnight = new DateTimeOffset(h.UtcDateTime.Date, TimeSpan.Zero);
        var twoDays = $"from={ReadingsJson.Iso(midnight)}&to={ReadingsJson.Iso(midnight.AddDays(2))}";
        var daily = (await ReadingsJson.GetAsync(http, $"/api/v1/cohorts/energy?type=other&{twoDays}&interval=1d"))
            .GetProperty("buckets").EnumerateArray().ToList();
        var allQuarters = (await ReadingsJson.GetAsync(http, $"/api/v1/cohorts/energy?type=other&{twoDays}&interval=15m"))
            .GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(2, daily.Count);
        Assert.Equal(192, allQuarters.Count);
        Assert.Contains(daily, d => d.GetProperty("households").ValueKind == JsonValueKind.Number && d.GetProperty("households").GetInt32() == 5);
        var dailySum = daily.Sum(ConsumptionOrZero);
        Assert.Equal(allQuarters.Sum(ConsumptionOrZero), dailySum, Precision);
        Assert.True(dailySum >= 1000 - Precision, $"the two days hold at least the hour's 1000 Wh per household, not {dailySum}");
    }

    [Fact]
    public async Task Bad_parameters_are_problems_and_residents_are_refused()
    {
        var http = fixture.Silo.Http;
        Assert.Contains("type", await ProblemAsync(http, "/api/v1/cohorts/energy?type=castle"));
        Assert.Contains("occupants", await ProblemAsync(http, "/api/v1/cohorts/energy?occupants=0"));
        Assert.Contains("occupants", await ProblemAsync(http, "/api/v1/cohorts/energy?occupants=two"));
        Assert.Contains("interval", await ProblemAsync(http, "/api/v1/cohorts/energy?interval=2d"));
        // Days are UTC days: 01:00Z is no day boundary.
        Assert.Contains("from", await ProblemAsync(http, "/api/v1/cohorts/energy?from=2026-11-22T01:00:00Z&to=2026-11-23T00:00:00Z"));
        Assert.Contains("before", await ProblemAsync(http, "/api/v1/cohorts/energy?from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z"));

        // Without from and to: the 7 UTC days up to the one holding now.
        var week = await ReadingsJson.GetAsync(http, "/api/v1/cohorts/energy");
        Assert.Equal("1d", week.GetProperty("interval").GetString());
        Assert.Equal(7, week.GetProperty("buckets").GetArrayLength());

        using var processor = fixture.Silo.CreateClient(SiloProcess.ProcessorApiKey);
        using var processorAnswer = await processor.GetAsync("/api/v1/cohorts/energy");
        Assert.Equal(HttpStatusCode.OK, processorAnswer.StatusCode);
        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        using var residentAnswer = await resident.GetAsync("/api/v1/cohorts/energy");
        Assert.Equal(HttpStatusCode.Forbidden, residentAnswer.StatusCode);
    }

    private async Task PutAsync(HttpClient http, string id, int occupants, params (string Role, string Field, double Watts)[] meters)
    {
        var named = meters.Length == 0
            ? [($"{id}-grid", "grid", "importPowerW", 0.0)]
            : meters.Select(m => ($"{id}-{m.Role}", m.Role, m.Field, m.Watts)).ToArray();
        using var put = await http.PutAsJsonAsync($"/api/v1/households/{id}", new
        {
            type = "other",
            occupants,
            timeZone = "Europe/Brussels",
            meters = named.Select(m => new { meterId = m.Item1, role = m.Item2 }),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        if (meters.Length > 0)
        {
            _posted.AddRange(named.Select(m => (m.Item1, m.Item3, m.Item4)));
        }
    }

    private static double ConsumptionOrZero(JsonElement bucket) =>
        bucket.GetProperty("consumptionWhPerHousehold") is { ValueKind: JsonValueKind.Number } wh ? wh.GetDouble() : 0;

    private static JsonElement Single(JsonElement answer) => Assert.Single(answer.GetProperty("buckets").EnumerateArray());

    private static async Task<string> ProblemAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadingsJson.ProblemAsync(response, 400);
    }
}
