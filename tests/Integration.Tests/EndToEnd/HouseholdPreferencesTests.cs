using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// <c>PUT/GET /api/v1/households/{householdId}/preferences</c>: thresholds the household grain watches on its live flow
/// (alerts stored and served) and a tariff that prices its energy buckets.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class HouseholdPreferencesTests(SingleSiloFixture fixture)
{
    private const double Precision = 1e-9;

    [Fact]
    public async Task Thresholds_raise_alerts_and_the_tariff_prices_the_energy()
    {
        var id = $"pref-{Guid.NewGuid():N}"[..14];
        var grid = $"{id}-grid";
        await DefineAsync(id, grid);
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{id}/preferences", new
        {
            gridImportAlert = new { aboveW = 1000, forSeconds = 60 },
            gridExportAlert = new { aboveW = 500 },
            tariff = new { currency = "EUR", importPerKwh = 0.30m, exportPerKwh = 0.08m },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var stored = await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/households/{id}/preferences");
        Assert.Equal(60, stored.GetProperty("gridImportAlert").GetProperty("forSeconds").GetDouble());
        Assert.Equal(0, stored.GetProperty("gridExportAlert").GetProperty("forSeconds").GetDouble());
        Assert.Equal("EUR", stored.GetProperty("tariff").GetProperty("currency").GetString());

        // One reading per request, as a live meter sends them: the household sees each flow value.
        var t0 = ReadingsJson.RecentHour();
        (int Second, string Field, double Watts)[] readings =
        [
            (0, "importPowerW", 500),
            (30, "importPowerW", 2000),  // above 1000 W from +30 s ...
            (60, "importPowerW", 2000),
            (100, "importPowerW", 2000), // ... for 70 s by now: grid-import-high at 30 + 60 = +90 s
            (120, "importPowerW", 300),  // back below: grid-import-normal at +120 s
            (240, "exportPowerW", 600),  // 600 W export > 500 W, no sustain: grid-export-high at +240 s
        ];
        foreach (var (second, field, watts) in readings)
        {
            var value = watts.ToString(CultureInfo.InvariantCulture);
            await ReadingsJson.PostAsync(fixture.Silo.Http, grid, $$"""{"ts":"{{ReadingsJson.Iso(t0.AddSeconds(second))}}","{{field}}":{{value}}}""");
        }

        var alerts = await Eventually.ReturnsAsync(
            () => AlertsAsync(id, t0),
            a => a is { Count: 3 },
            TimeSpan.FromSeconds(15),
            "three flow alerts for the household");
        Assert.Equal(
            [("grid-import-high", t0.AddSeconds(90)), ("grid-import-normal", t0.AddSeconds(120)), ("grid-export-high", t0.AddSeconds(240))],
            alerts!.Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("ts").GetDateTimeOffset())));
        Assert.Equal("warning", alerts![0].GetProperty("severity").GetString());

        // Energy of [t0, t0+15 min), trapezoids of the linear net power (domain.md):
        //   import  (500+2000)/2·30 + 2000·30 + 2000·40 + (2000+300)/2·20 = 37,500 + 60,000 + 80,000 + 23,000 = 200,500 Ws
        //   +300 W → −600 W over 120 s crosses zero after 120·300/900 = 40 s: import 300·40/2 = 6,000 Ws, export 600·80/2 = 24,000 Ws
        //   importWh = 206,500 / 3600 = 57.361111…; exportWh = 24,000 / 3600 = 6.666…
        //   cost: 0.057361111 kWh · 0.30 = 0.017208333; credit: 0.006666667 kWh · 0.08 = 0.000533333; net 0.016675
        var energy = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/households/{id}/energy?from={ReadingsJson.Iso(t0)}&to={ReadingsJson.Iso(t0.AddMinutes(15))}");
        var bucket = Assert.Single(energy.GetProperty("buckets").EnumerateArray());
        Assert.Equal(206_500.0 / 3600, bucket.GetProperty("importWh").GetDouble(), Precision);
        Assert.Equal(24_000.0 / 3600, bucket.GetProperty("exportWh").GetDouble(), Precision);
        var cost = bucket.GetProperty("cost");
        Assert.Equal("EUR", cost.GetProperty("currency").GetString());
        Assert.Equal(0.0172083333, cost.GetProperty("importCost").GetDouble(), 9);
        Assert.Equal(0.0005333333, cost.GetProperty("exportCredit").GetDouble(), 9);
        Assert.Equal(0.016675, cost.GetProperty("net").GetDouble(), 9);
    }

    [Fact]
    public async Task Residents_set_their_own_preferences_only_and_bad_input_is_named()
    {
        var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        var processor = fixture.Silo.CreateClient(SiloProcess.ProcessorApiKey);
        var own = SiloProcess.ResidentHouseholdId;
        await DefineAsync(own, $"{own}-grid");
        var other = $"pref-{Guid.NewGuid():N}"[..14];
        await DefineAsync(other, $"{other}-grid");
        var body = new { tariff = new { currency = "EUR", importPerKwh = 0.3, exportPerKwh = 0.1 } };

        using (var ok = await resident.PutAsJsonAsync($"/api/v1/households/{own}/preferences", body))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var foreign = await resident.PutAsJsonAsync($"/api/v1/households/{other}/preferences", body))
        {
            await ReadingsJson.ProblemAsync(foreign, 403);
        }

        using (var processorPut = await processor.PutAsJsonAsync($"/api/v1/households/{other}/preferences", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, processorPut.StatusCode);
        }

        using (var unknown = await fixture.Silo.Http.PutAsJsonAsync("/api/v1/households/nobody-prefers/preferences", body))
        {
            Assert.Contains("nobody-prefers", await ReadingsJson.ProblemAsync(unknown, 404));
        }

        using var bad = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{other}/preferences",
            new { gridImportAlert = new { aboveW = -5 } });
        Assert.Contains("gridImportAlert.aboveW", await ReadingsJson.ProblemAsync(bad, 400));

        using var perMwh = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{other}/preferences",
            new { tariff = new { currency = "EUR", importPerKwh = 320, exportPerKwh = 0 } });
        Assert.Contains("tariff.importPerKwh", await ReadingsJson.ProblemAsync(perMwh, 400));
    }

    private async Task DefineAsync(string householdId, string gridMeterId)
    {
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "house",
            occupants = 3,
            timeZone = "UTC",
            meters = new[] { new { meterId = gridMeterId, role = "grid" } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private async Task<List<JsonElement>?> AlertsAsync(string householdId, DateTimeOffset from)
    {
        var body = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/alerts?subject={householdId}&from={ReadingsJson.Iso(from)}&to={ReadingsJson.Iso(from.AddHours(1))}");
        return [.. body.EnumerateArray()];
    }
}
