using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// The web dashboard in headless Chromium (Debian's, driven by playwright-core) against a real silo: it signs in with
/// a key, connects to the live hub and shows what was published over MQTT, before and after the page connected.
/// Screenshots are kept in TestResults/dashboard/.
/// </summary>
[Collection(LiveSiloCollection.Name)]
public sealed class DashboardBrowserTests(LiveSiloFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SiloProcess Silo => fixture.Silo;

    private string BaseUrl => $"http://127.0.0.1:{Silo.Ports.Http}";

    [Fact]
    public async Task The_household_view_shows_readings_published_over_mqtt_before_and_after_the_page_connected()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var householdId = $"dash-home-{suffix}";
        var gridMeter = $"dash-grid-{suffix}";
        var pvMeter = $"dash-pv-{suffix}";
        await PutHouseholdAsync(householdId, "Europe/Berlin", (gridMeter, "grid"), (pvMeter, "production"));

        // Before the page opens: ten minutes of readings (so the charts have a history), ending with the grid meter
        // importing 512.5 W and the panels delivering 1800 W.
        var t0 = WholeSecondNow();
        var (early, middle) = (t0.AddMinutes(-10), t0.AddMinutes(-5));
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{gridMeter}/reading", $$"""
            [{"ts":"{{early:O}}","importPowerW":900,"exportPowerW":0,"importRegisterWh":123400.0},
             {"ts":"{{middle:O}}","importPowerW":300,"exportPowerW":0},
             {"ts":"{{t0:O}}","importPowerW":512.5,"exportPowerW":0,"importRegisterWh":123456.7}]
            """);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{pvMeter}/reading", $$"""
            [{"ts":"{{early:O}}","importPowerW":0,"exportPowerW":1500},
             {"ts":"{{middle:O}}","importPowerW":0,"exportPowerW":2100},
             {"ts":"{{t0:O}}","importPowerW":0,"exportPowerW":1800}]
            """);
        await Eventually.UntilAsync(
            async () => (await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/households/{householdId}")).GetProperty("consumptionW").GetDouble() == 2312.5,
            Wait, $"household {householdId} consumes 2312.5 W");

        await using var browser = await BrowserDriver.StartAsync();
        var household = $"[data-household=\"{householdId}\"]";
        var grid = $"[data-meter=\"{gridMeter}\"]";
        try
        {
            // / leads to the dashboard, which asks for a key first.
            await browser.GotoAsync($"{BaseUrl}/");
            Assert.Equal("/dashboard/", (await browser.EvaluateAsync("location.pathname")).GetString());
            await browser.FillAsync("#credential", SiloProcess.OperatorApiKey);
            await browser.ClickAsync("#sign-in button[type=submit]");
            await browser.WaitForAttributeAsync("#connection", "data-state", "connected", Wait);
            Assert.Equal(SiloProcess.OperatorApiKey, (await browser.EvaluateAsync("sessionStorage.getItem('metergrains.credential')")).GetString());

            await browser.FillAsync("#household-id", householdId);
            await browser.ClickAsync("#open-household button[type=submit]");

            // Consumption = import − export + production = 512.5 − 0 + 1800 = 2312.5 W, shown as 2.31 kW;
            // self-sufficiency 1 − 512.5 / 2312.5 = 0.778 → 78%. Below 1000 W power is shown in W.
            await browser.WaitForTextAsync($"{household} [data-field=consumptionW]", "2.31 kW", Wait);
            await browser.WaitForTextAsync($"{household} [data-field=gridImportW]", "512.5 W", Wait);
            await browser.WaitForTextAsync($"{household} [data-field=productionW]", "1.8 kW", Wait);
            await browser.WaitForTextAsync($"{household} [data-field=selfSufficiency]", "78% self-sufficient", Wait);
            // The household's meters get cards of their own; 123456.7 Wh = 123.4567 kWh, shown to 3 decimals.
            await browser.WaitForTextAsync($"{grid} [data-field=importPowerW]", "512.5 W", Wait);
            await browser.WaitForTextAsync($"{grid} [data-field=importRegisterWh]", "123.457 kWh", Wait);
            await browser.WaitForTextAsync($"[data-meter=\"{pvMeter}\"] [data-field=exportPowerW]", "1.8 kW", Wait);

            // Now, with the page connected, a new reading: only the live push can bring it (the page reads the flow once).
            var t1 = Later(t0);
            await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{gridMeter}/reading",
                $$"""{"ts":"{{t1:O}}","importPowerW":1500,"exportPowerW":0,"importRegisterWh":123460.2}""");

            // 1500 W → 1.5 kW; consumption 1500 − 0 + 1800 = 3300 W → 3.3 kW; 1 − 1500 / 3300 = 0.545 → 55%;
            // 123460.2 Wh = 123.4602 kWh → 123.46 kWh.
            await browser.WaitForTextAsync($"{household} [data-field=gridImportW]", "1.5 kW", Wait);
            await browser.WaitForTextAsync($"{household} [data-field=consumptionW]", "3.3 kW", Wait);
            await browser.WaitForTextAsync($"{household} [data-field=selfSufficiency]", "55% self-sufficient", Wait);
            await browser.WaitForTextAsync($"{grid} [data-field=importPowerW]", "1.5 kW", Wait);
            await browser.WaitForTextAsync($"{grid} [data-field=importRegisterWh]", "123.46 kWh", Wait);

            // The grid meter falls silent: its meter-offline alert (ts = last reading + OfflineAfter 3 s) is raised
            // after the page subscribed, so it arrives live.
            var offlineAt = t1 + LiveSiloFixture.OfflineAfter;
            await browser.WaitForAsync(
                $$"""[...document.querySelectorAll('.alerts li[data-kind="meter-offline"][data-subject="{{gridMeter}}"] time')].some(t => Date.parse(t.dateTime) === {{offlineAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}})""",
                Wait);
            await browser.WaitForAttributeAsync($"{grid} [data-field=online]", "data-state", "offline", Wait);

            Assert.Empty(await browser.ProblemsAsync());
            await KeepScreenshotAsync(browser, "household.png");
        }
        catch
        {
            await KeepScreenshotAsync(browser, "household-failed.png");
            throw;
        }
    }

    [Fact]
    public async Task A_key_the_api_refuses_is_not_kept_and_a_resident_sees_only_their_own_household()
    {
        var stranger = $"dash-other-{Guid.NewGuid():N}"[..20];
        await PutHouseholdAsync(stranger, "UTC");
        await PutHouseholdAsync(SiloProcess.ResidentHouseholdId, "UTC");

        await using var browser = await BrowserDriver.StartAsync();
        try
        {
            await browser.GotoAsync($"{BaseUrl}/dashboard/");
            await browser.FillAsync("#credential", "not-a-key-this-silo-knows-0123456789");
            await browser.ClickAsync("#sign-in button[type=submit]");
            await browser.WaitForTextAsync("#sign-in-error", "The API does not accept this key or token.", Wait);
            Assert.Equal(JsonValueKind.Null, (await browser.EvaluateAsync("sessionStorage.getItem('metergrains.credential')")).ValueKind);
            Assert.Equal("idle", (await browser.EvaluateAsync("document.getElementById('connection').dataset.state")).GetString());

            await browser.FillAsync("#credential", SiloProcess.ResidentApiKey);
            await browser.ClickAsync("#sign-in button[type=submit]");
            await browser.WaitForAttributeAsync("#connection", "data-state", "connected", Wait);

            // The REST answer and the hub both refuse the stranger's household; the page says so in its panel.
            await browser.FillAsync("#household-id", stranger);
            await browser.ClickAsync("#open-household button[type=submit]");
            await browser.WaitForTextAsync($"[data-household=\"{stranger}\"] .card-message", $"Household '{stranger}' is not yours to see.", Wait);

            await browser.FillAsync("#household-id", SiloProcess.ResidentHouseholdId);
            await browser.ClickAsync("#open-household button[type=submit]");
            await browser.WaitForTextAsync(
                $"[data-household=\"{SiloProcess.ResidentHouseholdId}\"] .card-kicker", "Household · house · 2 people · UTC", Wait);
            Assert.Empty(await browser.TextsAsync($"[data-household=\"{stranger}\"]"));

            // Signing out forgets the key.
            await browser.ClickAsync("#sign-out");
            await browser.WaitForAttributeAsync("#connection", "data-state", "idle", Wait);
            Assert.Equal(JsonValueKind.Null, (await browser.EvaluateAsync("sessionStorage.getItem('metergrains.credential')")).ValueKind);
        }
        catch
        {
            await KeepScreenshotAsync(browser, "resident-failed.png");
            throw;
        }
    }

    private async Task KeepScreenshotAsync(BrowserDriver browser, string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "TestResults", "dashboard", name);
        try
        {
            await browser.ScreenshotAsync(path);
            output.WriteLine($"Screenshot: {path}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            output.WriteLine($"No screenshot: {ex.Message}");
        }
    }

    private async Task PutHouseholdAsync(string householdId, string timeZone, params (string MeterId, string Role)[] meters)
    {
        using var put = await Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "house",
            occupants = 2,
            timeZone,
            meters = meters.Select(m => new { meterId = m.MeterId, role = m.Role }).ToArray(),
        });
        put.EnsureSuccessStatusCode();
    }

    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Now in whole seconds, but at least a second after <paramref name="earlier"/>.</summary>
    private static DateTimeOffset Later(DateTimeOffset earlier)
    {
        var now = WholeSecondNow();
        return now > earlier ? now : earlier.AddSeconds(1);
    }
}
