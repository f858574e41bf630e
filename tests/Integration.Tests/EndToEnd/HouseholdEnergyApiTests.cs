using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary><c>GET /api/v1/households/{householdId}/energy</c>: a grid and a production meter combined.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class HouseholdEnergyApiTests(SingleSiloFixture fixture)
{
    private const double Precision = 1e-6;

    [Fact]
    public async Task Grid_and_production_meters_make_the_household_energy()
    {
        var id = $"he-{Guid.NewGuid():N}"[..14];
        var grid = $"{id}-grid";
        var pv = $"{id}-pv";
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{id}", new
        {
            type = "house",
            occupants = 2,
            timeZone = "Europe/Brussels",
            meters = new[] { new { meterId = grid, role = "grid" }, new { meterId = pv, role = "production" } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var h = ReadingsJson.RecentHour();
        // The grid meter imports 400 W for 30 minutes: 100 Wh per quarter-hour.
        await ReadingsJson.PostAsync(fixture.Silo.Http, grid, ReadingsJson.ConstantPower(h, 30, "importPowerW", 400));
        // The PV meter's clamp shows its 1600 W as export, for the first 15 minutes only: 400 Wh, then nothing.
        await ReadingsJson.PostAsync(fixture.Silo.Http, pv, ReadingsJson.ConstantPower(h, 15, "exportPowerW", 1600));

        var energy = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/households/{id}/energy?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddMinutes(30))}");
        Assert.Equal("Europe/Brussels", energy.GetProperty("timeZone").GetString());
        var buckets = energy.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([h, h.AddMinutes(15)], buckets.Select(b => b.GetProperty("start").GetDateTimeOffset()));

        // [h, h+15): import 100, export 0, production 400, consumption 100 − 0 + 400 = 500, self-sufficiency 1 − 100/500.
        Assert.Equal(100, buckets[0].GetProperty("importWh").GetDouble(), Precision);
        Assert.Equal(0, buckets[0].GetProperty("exportWh").GetDouble(), Precision);
        Assert.Equal(400, buckets[0].GetProperty("productionWh").GetDouble(), Precision);
        Assert.Equal(500, buckets[0].GetProperty("consumptionWh").GetDouble(), Precision);
        Assert.Equal(0.8, buckets[0].GetProperty("selfSufficiency").GetDouble(), Precision);
        Assert.True(buckets[0].GetProperty("complete").GetBoolean());

        // [h+15, h+30): the PV meter has nothing, so incomplete; import 100, consumption 100, self-sufficiency 0.
        Assert.Equal(100, buckets[1].GetProperty("consumptionWh").GetDouble(), Precision);
        Assert.Equal(0, buckets[1].GetProperty("productionWh").GetDouble(), Precision);
        Assert.Equal(0, buckets[1].GetProperty("selfSufficiency").GetDouble(), Precision);
        Assert.False(buckets[1].GetProperty("complete").GetBoolean());

        // The hour: import 200, production 400, consumption 600, self-sufficiency 1 − 200/600 = 2/3.
        var hour = Assert.Single((await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/households/{id}/energy?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&interval=1h"))
            .GetProperty("buckets").EnumerateArray());
        Assert.Equal(600, hour.GetProperty("consumptionWh").GetDouble(), Precision);
        Assert.Equal(2.0 / 3, hour.GetProperty("selfSufficiency").GetDouble(), Precision);
        Assert.False(hour.GetProperty("complete").GetBoolean());

        // A meter of the household counts days in the household's time zone when no tz is asked for.
        var meterDays = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{grid}/energy?interval=1d");
        Assert.Equal("Europe/Brussels", meterDays.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Unknown_household_and_bad_parameters()
    {
        using var unknown = await fixture.Silo.Http.GetAsync("/api/v1/households/nobody-home/energy");
        Assert.Contains("nobody-home", await ReadingsJson.ProblemAsync(unknown, 404));

        var id = $"hp-{Guid.NewGuid():N}"[..14];
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{id}", new
        {
            type = "apartment", occupants = 1, timeZone = "Europe/Brussels", meters = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // Days begin at local midnight: 2026-11-22 00:00 in Brussels is 2026-11-21T23:00Z, not 00:00Z.
        using var misaligned = await fixture.Silo.Http.GetAsync(
            $"/api/v1/households/{id}/energy?interval=1d&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
        Assert.Contains("2026-11-21T23:00:00Z", await ReadingsJson.ProblemAsync(misaligned, 400));

        var day = Assert.Single((await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/households/{id}/energy?interval=1d&from=2026-11-21T23:00:00Z&to=2026-11-22T23:00:00Z"))
            .GetProperty("buckets").EnumerateArray());
        Assert.False(day.GetProperty("complete").GetBoolean(), "a household without a grid meter has no complete bucket");
        Assert.Equal(JsonValueKind.Null, day.GetProperty("selfSufficiency").ValueKind);
    }
}
