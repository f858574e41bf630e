using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Shelly traffic published by a client nobody here wrote (Debian's <c>mosquitto_pub</c>), checked over REST: the
/// meter's live state for Gen1, and its energy for Gen2, whose device timestamps make the energy exact.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class MosquittoPubShellyTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gen1_em_values_from_mosquitto_pub_reach_the_meter()
    {
        var device = $"shellyem-{Guid.NewGuid().ToString("N")[..12].ToUpper(CultureInfo.InvariantCulture)}";
        foreach (var (value, text) in new[] { ("power", "-480.5"), ("total", "1000.25"), ("total_returned", "200.5"), ("voltage", "231.2") })
        {
            await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"shellies/{device}/emeter/1/{value}", text);
        }

        var meter = await WaitForReadingsAsync($"{device}:1", 1);
        // Signed −480.5 W: exporting 480.5 W.
        Assert.Equal(0, meter.GetProperty("importPowerW").GetDouble());
        Assert.Equal(480.5, meter.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(1000.25, meter.GetProperty("importRegisterWh").GetDouble());
        Assert.Equal(200.5, meter.GetProperty("exportRegisterWh").GetDouble());
    }

    [Fact]
    public async Task Gen2_pro_3em_notifications_from_mosquitto_pub_give_exact_energy()
    {
        var device = $"shellypro3em-{Guid.NewGuid().ToString("N")[..12]}";
        var now = DateTimeOffset.UtcNow;
        var quarter = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.FromMinutes(15).Ticks, TimeSpan.Zero).AddMinutes(-15);
        var t1 = quarter.AddSeconds(120).ToUnixTimeSeconds();
        var t2 = t1 + 60;
        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"{device}/events/rpc", Notify(device, t1, 1200, 5000));
        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"{device}/events/rpc", Notify(device, t2, 1200, 5020));

        var meter = await WaitForReadingsAsync(device, 2);
        // 1200 W for 60 s = 72000 W·s = 20 Wh, by the power integral and by the register (5020 − 5000).
        Assert.Equal(20, meter.GetProperty("integratedImportWh").GetDouble(), 9);
        Assert.Equal(20, meter.GetProperty("registerImportWh").GetDouble(), 9);

        var from = quarter.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var to = quarter.AddMinutes(15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var energy = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{device}/energy?from={from}&to={to}&interval=15m");
        var bucket = Assert.Single(energy.GetProperty("buckets").EnumerateArray());
        Assert.Equal(20, bucket.GetProperty("importWh").GetDouble(), 9);
        Assert.Equal(0, bucket.GetProperty("exportWh").GetDouble(), 9);
        // Power covers only 2 of the 15 minutes.
        Assert.False(bucket.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task A_gen1_devices_retained_offline_report_takes_both_meters_offline_and_online_brings_them_back()
    {
        var device = $"shellyem-{Guid.NewGuid().ToString("N")[..12].ToUpper(CultureInfo.InvariantCulture)}";
        string[] meters = [$"{device}:0", $"{device}:1"];
        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"shellies/{device}/emeter/0/power", "120.5");
        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"shellies/{device}/emeter/1/power", "-40");
        foreach (var meter in meters)
        {
            Assert.True((await WaitForReadingsAsync(meter, 1)).GetProperty("online").GetBoolean());
        }

        // The last will of a Shelly: "false", retained. The embedded broker acknowledges a QoS 1 message only once the
        // meters stored it (Mqtt:AcknowledgeAfterStore), so when mosquitto_pub returns, both are offline and alerted.
        var beforeOffline = DateTimeOffset.UtcNow;
        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"shellies/{device}/online", "false", retain: true);
        var afterOffline = DateTimeOffset.UtcNow;
        foreach (var meter in meters)
        {
            Assert.False((await GetMeterAsync(meter)).GetProperty("online").GetBoolean());
            var offline = Assert.Single(await GetAlertsAsync(meter, "meter-offline"));
            Assert.Equal("warning", offline.GetProperty("severity").GetString());
            Assert.Contains("its device reported itself offline", offline.GetProperty("message").GetString(), StringComparison.Ordinal);
            // Stamped with the gateway's receive time of the report, long before the 120 s silence would have run out.
            Assert.InRange(offline.GetProperty("ts").GetDateTimeOffset(), beforeOffline.AddSeconds(-1), afterOffline.AddSeconds(1));
        }

        await MosquittoPub.PublishAsync(fixture.Silo.Ports.Mqtt, $"shellies/{device}/online", "true", retain: true);
        foreach (var meter in meters)
        {
            Assert.True((await GetMeterAsync(meter)).GetProperty("online").GetBoolean());
            var online = Assert.Single(await GetAlertsAsync(meter, "meter-online"));
            Assert.Contains("reported itself online", online.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<JsonElement> GetMeterAsync(string meterId) =>
        await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{meterId}");

    private async Task<JsonElement[]> GetAlertsAsync(string subject, string kind)
    {
        var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var alerts = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?subject={subject}&kind={kind}&from={from}");
        return [.. alerts.EnumerateArray()];
    }

    private static string Notify(string device, long ts, double totalActPower, double totalAct) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["src"] = device,
            ["dst"] = $"{device}/events",
            ["method"] = "NotifyStatus",
            ["params"] = new Dictionary<string, object>
            {
                ["ts"] = ts + 0.25,
                ["em:0"] = new { id = 0, total_act_power = totalActPower },
                ["emdata:0"] = new { id = 0, total_act = totalAct, total_act_ret = 0.0 },
            },
        });

    private async Task<JsonElement> WaitForReadingsAsync(string meterId, long count) =>
        (await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
                return response.StatusCode == HttpStatusCode.NotFound ? (JsonElement?)null : await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            m => m?.GetProperty("readingsAccepted").GetInt64() == count,
            Deadline,
            $"meter {meterId} shows {count} accepted readings")).GetValueOrDefault();
}
