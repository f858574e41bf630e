using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// <c>/hubs/live</c> with the real .NET SignalR client against a real silo: readings published over MQTT reach
/// subscribed dashboards as <c>meterUpdated</c> and <c>householdUpdated</c>, alerts as <c>alert</c>, and a caller
/// sees only what it may see.
/// </summary>
[Collection(LiveSiloCollection.Name)]
public sealed class LiveHubTests(LiveSiloFixture fixture)
{
    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task A_subscribed_meter_pushes_its_new_state_as_meterUpdated()
    {
        var meterId = $"live-{Guid.NewGuid():N}"[..20];
        await using var dashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await dashboard.Connection.InvokeAsync("SubscribeMeter", meterId);

        var t1 = WholeSecondNow().AddSeconds(-1);
        var t0 = t1.AddSeconds(-60);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""{"ts":"{{t0:O}}","importPowerW":512.5,"exportPowerW":0,"importRegisterWh":123456.7,"exportRegisterWh":89.0}""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""{"ts":"{{t1:O}}","importPowerW":1000,"importRegisterWh":123470.0,"exportRegisterWh":89.0}""");

        var update = await dashboard.WaitForAsync("meterUpdated", m => m.GetProperty("readingsAccepted").GetInt64() == 2,
            $"meterUpdated of {meterId} with 2 accepted readings");
        Assert.Equal(meterId, update.GetProperty("meterId").GetString());
        Assert.Equal(t1, update.GetProperty("lastReadingAt").GetDateTimeOffset());
        Assert.Equal(1000, update.GetProperty("importPowerW").GetDouble());
        Assert.Equal(0, update.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(123470.0, update.GetProperty("importRegisterWh").GetDouble());
        // Trapezoid: (512.5 + 1000) / 2 W × 60 s = 45375 W·s = 12.6041667 Wh.
        Assert.Equal(45375.0 / 3600, update.GetProperty("integratedImportWh").GetDouble(), 6);
        // Register: 123470.0 − 123456.7 = 13.3 Wh.
        Assert.Equal(13.3, update.GetProperty("registerImportWh").GetDouble(), 6);
        Assert.Equal(0, update.GetProperty("readingsRejected").GetInt64());
        // ts is when the update was made: after the reading it reports, and written in UTC with a Z.
        Assert.EndsWith("Z", update.GetProperty("ts").GetString());
        Assert.True(update.GetProperty("ts").GetDateTimeOffset() >= t1);

        // Unsubscribed, the dashboard hears no more of the meter: a third reading shows up over REST only.
        await dashboard.Connection.InvokeAsync("UnsubscribeMeter", meterId);
        var countBefore = dashboard.Received.Count;
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{t1.AddSeconds(1):O}}","importPowerW":900}""");
        await Eventually.UntilAsync(
            async () => (await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{meterId}")).GetProperty("readingsAccepted").GetInt64() == 3,
            TimeSpan.FromSeconds(30), $"meter {meterId} shows the third reading");
        Assert.DoesNotContain(dashboard.Received.Skip(countBefore), r => r.Method == "meterUpdated" && r.Payload.GetProperty("readingsAccepted").GetInt64() == 3);
    }

    [Fact]
    public async Task A_resident_sees_only_their_own_household_and_its_meters()
    {
        var stranger = $"other-{Guid.NewGuid():N}"[..16];
        var strangerMeter = $"{stranger}-m";
        var ownMeter = $"own-{Guid.NewGuid():N}"[..16];
        await PutHouseholdAsync(stranger, (strangerMeter, "grid"));
        await PutHouseholdAsync(SiloProcess.ResidentHouseholdId, (ownMeter, "grid"));

        await using var resident = await LiveHubClient.ConnectAsync(Silo, SiloProcess.ResidentApiKey);
        var meterRefused = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync("SubscribeMeter", strangerMeter));
        Assert.Contains(strangerMeter, meterRefused.Message);
        var householdRefused = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync("SubscribeHousehold", stranger));
        Assert.Contains(stranger, householdRefused.Message);
        await resident.Connection.InvokeAsync("SubscribeMeter", ownMeter);

        // Both meters get a reading; the own one arrives, and by then nothing of the stranger's has.
        var t = WholeSecondNow();
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{strangerMeter}/reading", $$"""{"ts":"{{t:O}}","importPowerW":111}""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{ownMeter}/reading", $$"""{"ts":"{{t:O}}","importPowerW":222}""");
        var own = await resident.WaitForAsync("meterUpdated", m => m.GetProperty("meterId").GetString() == ownMeter, $"meterUpdated of {ownMeter}");
        Assert.Equal(222, own.GetProperty("importPowerW").GetDouble());
        Assert.Equal(SiloProcess.ResidentHouseholdId, own.GetProperty("householdId").GetString());
        Assert.All(resident.Received, r => Assert.NotEqual(strangerMeter, r.Payload.TryGetProperty("meterId", out var id) ? id.GetString() : null));
        Assert.DoesNotContain(resident.Received, r => r.Payload.TryGetProperty("householdId", out var h) && h.GetString() == stranger);

        // A processing app may subscribe to nothing (for now).
        await using var processor = await LiveHubClient.ConnectAsync(Silo, SiloProcess.ProcessorApiKey);
        await Assert.ThrowsAsync<HubException>(() => processor.Connection.InvokeAsync("SubscribeMeter", ownMeter));
        await Assert.ThrowsAsync<HubException>(() => processor.Connection.InvokeAsync("SubscribeHousehold", SiloProcess.ResidentHouseholdId));
    }

    [Fact]
    public async Task Without_a_valid_key_the_hub_refuses_to_connect()
    {
        using var anonymous = Silo.CreateClient(apiKey: null);
        using var negotiate = await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        var wrongKey = new HubConnectionBuilder()
            .WithUrl(LiveHubClient.HubUrl(Silo), o => o.Headers["X-Api-Key"] = "not-a-key-not-a-key-not-a-key")
            .Build();
        await using (wrongKey)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => wrongKey.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The query string carries a key on the hub only, not on REST.
        using var rest = await anonymous.GetAsync($"/api/v1/households/{SiloProcess.ResidentHouseholdId}?access_token={SiloProcess.ResidentApiKey}");
        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
    }

    [Fact]
    public async Task A_household_subscription_receives_its_live_flow_as_householdUpdated()
    {
        var grid = $"hg-{Guid.NewGuid():N}"[..16];
        var pv = $"hp-{Guid.NewGuid():N}"[..16];
        await PutHouseholdAsync(SiloProcess.ResidentHouseholdId, (grid, "grid"), (pv, "production"));

        // As a browser connects: WebSockets with the key in the query string.
        await using var resident = await LiveHubClient.ConnectWithQueryTokenAsync(Silo, SiloProcess.ResidentApiKey);
        await resident.Connection.InvokeAsync("SubscribeHousehold", SiloProcess.ResidentHouseholdId);

        var t = WholeSecondNow();
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{grid}/reading", $$"""{"ts":"{{t:O}}","exportPowerW":1200}""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{pv}/reading", $$"""{"ts":"{{t:O}}","exportPowerW":2000}""");

        var flow = await resident.WaitForAsync("householdUpdated",
            h => h.GetProperty("productionW").GetDouble() == 2000 && h.GetProperty("gridExportW").GetDouble() == 1200,
            "householdUpdated with both meters");
        // consumption = gridImport − gridExport + production = 0 − 1200 + 2000 = 800 W.
        Assert.Equal(800, flow.GetProperty("consumptionW").GetDouble());
        Assert.Equal(0, flow.GetProperty("gridImportW").GetDouble());
        Assert.Equal(SiloProcess.ResidentHouseholdId, flow.GetProperty("householdId").GetString());
        Assert.Equal(t, flow.GetProperty("updatedAt").GetDateTimeOffset());
        // Nothing personal travels on the hub.
        Assert.False(flow.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Offline_and_online_alerts_reach_the_meter_and_household_subscribers()
    {
        var meterId = $"quiet-{Guid.NewGuid():N}"[..16];
        await PutHouseholdAsync(SiloProcess.ResidentHouseholdId, (meterId, "grid"));
        await using var operatorDashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await operatorDashboard.Connection.InvokeAsync("SubscribeMeter", meterId);
        await using var resident = await LiveHubClient.ConnectAsync(Silo, SiloProcess.ResidentApiKey);
        await resident.Connection.InvokeAsync("SubscribeHousehold", SiloProcess.ResidentHouseholdId);

        var first = WholeSecondNow();
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{first:O}}","importPowerW":250}""");

        // Offline at the last reading + 3 s.
        foreach (var dashboard in new[] { operatorDashboard, resident })
        {
            var offline = await dashboard.WaitForAsync("alert",
                a => a.GetProperty("kind").GetString() == "meter-offline" && a.GetProperty("subject").GetString() == meterId,
                $"a meter-offline alert for {meterId}");
            Assert.Equal(first + LiveSiloFixture.OfflineAfter, offline.GetProperty("ts").GetDateTimeOffset());
            Assert.Equal("warning", offline.GetProperty("severity").GetString());
            Assert.Contains(meterId, offline.GetProperty("message").GetString());
        }

        // The meter's subscribers also see it go offline in its state.
        await operatorDashboard.WaitForAsync("meterUpdated",
            m => !m.GetProperty("online").GetBoolean() && m.GetProperty("readingsAccepted").GetInt64() == 1, $"{meterId} offline in meterUpdated");

        var second = WholeSecondNow();
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{second:O}}","importPowerW":260}""");
        foreach (var dashboard in new[] { operatorDashboard, resident })
        {
            var online = await dashboard.WaitForAsync("alert",
                a => a.GetProperty("kind").GetString() == "meter-online" && a.GetProperty("subject").GetString() == meterId,
                $"a meter-online alert for {meterId}");
            Assert.Equal(second, online.GetProperty("ts").GetDateTimeOffset());
            Assert.Equal("info", online.GetProperty("severity").GetString());
        }
    }

    [Fact]
    public async Task Register_and_phase_anomalies_are_stored_and_reach_the_meter_subscribers()
    {
        var meterId = $"phase-{Guid.NewGuid():N}"[..16];
        await using var dashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await dashboard.Connection.InvokeAsync("SubscribeMeter", meterId);

        // Four readings a minute apart in one message, the last a minute ago. Defaults: a register drop of more than
        // 1 Wh is backwards; a voltage under 50 V for Anomalies:PhaseDeadAfter = 60 s is a dead phase.
        var t0 = WholeSecondNow().AddMinutes(-4);
        var (t1, t2, t3) = (t0.AddMinutes(1), t0.AddMinutes(2), t0.AddMinutes(3));
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""
            [{"ts":"{{t0:O}}","importPowerW":300,"importRegisterWh":5000,"voltageV":230.2},
             {"ts":"{{t1:O}}","importPowerW":300,"importRegisterWh":4900,"voltageV":0.4},
             {"ts":"{{t2:O}}","importPowerW":300,"importRegisterWh":4905,"voltageV":0.3},
             {"ts":"{{t3:O}}","importPowerW":300,"importRegisterWh":4910,"voltageV":229.8}]
            """);

        // 5000 → 4900 Wh at t1; dead from t1, so dead at t1 + 60 s = t2; live again at t3.
        var expected = new[]
        {
            (Kind: "register-backwards", Ts: t1, Severity: "warning"),
            (Kind: "phase-dead", Ts: t2, Severity: "critical"),
            (Kind: "phase-restored", Ts: t3, Severity: "info"),
        };
        foreach (var (kind, ts, severity) in expected)
        {
            var pushed = await dashboard.WaitForAsync("alert",
                a => a.GetProperty("kind").GetString() == kind && a.GetProperty("subject").GetString() == meterId,
                $"a {kind} alert for {meterId}");
            Assert.Equal(ts, pushed.GetProperty("ts").GetDateTimeOffset());
            Assert.Equal(severity, pushed.GetProperty("severity").GetString());

            var stored = await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?subject={meterId}&kind={kind}");
            var alert = Assert.Single(stored.EnumerateArray());
            Assert.Equal(ts, alert.GetProperty("ts").GetDateTimeOffset());
            Assert.Equal(pushed.GetProperty("message").GetString(), alert.GetProperty("message").GetString());
        }

        Assert.Contains("from 5000 Wh to 4900 Wh", Assert.Single(dashboard.Received,
            r => r.Method == "alert" && r.Payload.GetProperty("kind").GetString() == "register-backwards").Payload.GetProperty("message").GetString());
    }

    private async Task PutHouseholdAsync(string householdId, params (string MeterId, string Role)[] meters)
    {
        using var put = await Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "house",
            occupants = 2,
            timeZone = "UTC",
            email = "resident@example.org",
            meters = meters.Select(m => new { meterId = m.MeterId, role = m.Role }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
