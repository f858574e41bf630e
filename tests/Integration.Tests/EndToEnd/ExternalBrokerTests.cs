using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Gateway silos as clients of a real Mosquitto (started by the test with scripts/mosquitto.sh), the embedded broker
/// switched off: readings published to Mosquitto reach the meters, nothing is lost when the gateway dies, and two
/// gateways in one shared-subscription group split the traffic.
/// </summary>
public sealed class ExternalBrokerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Readings_published_to_mosquitto_reach_the_meter()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("extbroker");
        await using var silo = await StartGatewayAsync(database, $"ext-{Guid.NewGuid():N}", SiloPorts.Allocate(), broker.Port, "gw-one");

        var t0 = MinuteAgo();
        using var publisher = await MeterReadingSliceTests.ConnectAsync(broker.Port);
        await MeterReadingSliceTests.PublishAsync(publisher, "meters/ext-1/reading",
            $$"""{"ts":"{{t0:O}}","importPowerW":400,"importRegisterWh":1000.5}""");
        await MeterReadingSliceTests.PublishAsync(publisher, "meters/ext-1/reading",
            $$"""{"ts":"{{t0.AddSeconds(30):O}}","importPowerW":800,"importRegisterWh":1004.5}""");

        var meter = await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(silo, "ext-1"),
            m => m?.GetProperty("readingsAccepted").GetInt64() == 2,
            Deadline,
            "meter ext-1 shows the 2 readings published to Mosquitto");
        var state = meter!.Value;
        Assert.Equal(800, state.GetProperty("importPowerW").GetDouble());
        // Trapezoid: (400 + 800) / 2 W × 30 s = 18000 W·s = 5 Wh; register 1004.5 − 1000.5 = 4 Wh.
        Assert.Equal(5, state.GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(4, state.GetProperty("registerImportWh").GetDouble(), 6);
        Assert.Contains("session present: False", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_goes_out_through_mosquitto_and_the_devices_reply_comes_back_through_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("extbroker");
        await using var silo = await StartGatewayAsync(database, $"ext-{Guid.NewGuid():N}", SiloPorts.Allocate(), broker.Port, "gw-cmd");
        var deviceId = $"shellypro3em-{Guid.NewGuid():N}"[..30];
        using (var registered = await silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family = "shelly-gen2" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var device = await MeterReadingSliceTests.ConnectAsync(broker.Port);
        var received = await DeviceCommandTests.SubscribeAsync(device, $"{deviceId}/rpc");
        using var accepted = await silo.Http.PostAsync(
            $"/api/v1/meters/{deviceId}/commands",
            new StringContent("""{"name": "relay", "args": {"channel": 0, "on": false}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var request = await DeviceCommandTests.ReceiveAsync(received);
        using var json = JsonDocument.Parse(request.Payload);
        Assert.Equal("Switch.Set", json.RootElement.GetProperty("method").GetString());
        Assert.False(json.RootElement.GetProperty("params").GetProperty("on").GetBoolean());
        var src = json.RootElement.GetProperty("src").GetString();
        var rpcId = json.RootElement.GetProperty("id").GetInt64();
        await MeterReadingSliceTests.PublishAsync(device, $"{src}/rpc", $$$"""{"id":{{{rpcId}}},"src":"{{{deviceId}}}","dst":"{{{src}}}","result":{"was_on":true}}""");

        await Eventually.ReturnsAsync(
            () => silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/commands/{id}"),
            c => c.GetProperty("status").GetString() == "acknowledged",
            Deadline,
            $"command {id} is acknowledged through Mosquitto");
    }

    /// <summary>
    /// 8 meters × 10 readings while the gateway runs, then SIGKILL, then 8 × 10 more while it is dead. A message the
    /// killed gateway had not acknowledged (its readings not yet stored) and every message that arrived while it was
    /// away is kept by Mosquitto for its persistent session: after the restart all 8 × 20 = 160 readings are stored,
    /// each once.
    /// </summary>
    [Fact]
    public async Task Nothing_is_lost_when_the_gateway_is_killed_and_comes_back()
    {
        const int Meters = 8;
        const int PerPart = 10;
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("extbroker");
        var cluster = $"ext-{Guid.NewGuid():N}";
        // Same ports on restart, as a restarted process on the same host: it declares its killed predecessor dead at once.
        var ports = SiloPorts.Allocate();
        var meterIds = Enumerable.Range(0, Meters).Select(m => $"kept-{m}").ToArray();
        var t0 = MinuteAgo().AddMinutes(-30);
        using var publisher = await MeterReadingSliceTests.ConnectAsync(broker.Port);

        await using (var silo = await StartGatewayAsync(database, cluster, ports, broker.Port, "gw-kept"))
        {
            await PublishPartAsync(publisher, meterIds, t0, first: 0, PerPart);
            // Kill as soon as anything arrived: the rest of the part is still queued, in flight or unacknowledged.
            await Eventually.UntilAsync(
                async () => await CountStoredAsync(database, meterIds) > 0, Deadline, "the first readings are stored");
            await silo.KillAsync();
        }

        await PublishPartAsync(publisher, meterIds, t0, first: PerPart, PerPart);

        await using var restarted = await StartGatewayAsync(database, cluster, ports, broker.Port, "gw-kept");
        await Eventually.UntilAsync(
            async () => await CountStoredAsync(database, meterIds, distinct: true) == Meters * 2 * PerPart,
            Deadline,
            $"all {Meters * 2 * PerPart} readings are stored");

        // Redelivered readings are recognised by the meter, not stored twice.
        Assert.Equal(Meters * 2 * PerPart, await CountStoredAsync(database, meterIds));
        foreach (var meterId in meterIds)
        {
            var meter = (await TryGetMeterAsync(restarted, meterId))!.Value;
            // The last reading is minute 19 with 100 + 19 W.
            Assert.Equal(119, meter.GetProperty("importPowerW").GetDouble());
        }

        Assert.Contains("session present: True", restarted.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two gateway silos of one cluster in the shared-subscription group <c>gateways</c>. The readings carry no
    /// timestamp, so a gateway stamps its receive time: a message both gateways received would be stored twice, at two
    /// instants. Every meter has exactly one stored reading: each message went to one gateway of the group.
    /// </summary>
    [Fact]
    public async Task Two_gateways_in_a_shared_group_split_the_messages_and_miss_none()
    {
        const int Meters = 30;
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("extbroker");
        var cluster = $"ext-{Guid.NewGuid():N}";
        await using var first = await StartGatewayAsync(database, cluster, SiloPorts.Allocate(), broker.Port, "gw-a", "gateways");
        await using var second = await StartGatewayAsync(database, cluster, SiloPorts.Allocate(), broker.Port, "gw-b", "gateways");

        var meterIds = Enumerable.Range(0, Meters).Select(m => $"shared-{m}").ToArray();
        using var publisher = await MeterReadingSliceTests.ConnectAsync(broker.Port);
        foreach (var meterId in meterIds)
        {
            await MeterReadingSliceTests.PublishAsync(publisher, $"meters/{meterId}/reading", """{"importPowerW":250}""");
        }

        await Eventually.UntilAsync(
            async () => await CountStoredAsync(database, meterIds, distinct: true, perMeter: true) == Meters,
            Deadline,
            $"each of the {Meters} meters has a stored reading");
        Assert.Equal(Meters, await CountStoredAsync(database, meterIds));
    }

    private static async Task<SiloProcess> StartGatewayAsync(
        string database, string cluster, SiloPorts ports, int brokerPort, string clientId, string? sharedGroup = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mqtt__Enabled"] = "false",
            ["Mqtt__External__Enabled"] = "true",
            ["Mqtt__External__Host"] = "127.0.0.1",
            ["Mqtt__External__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__External__ClientId"] = $"{clientId}-{cluster}",
            ["Mqtt__External__SharedSubscriptionGroup"] = sharedGroup ?? string.Empty,
            ["Mqtt__External__ReconnectDelay"] = "00:00:00.2",
            ["Mqtt__External__ReconnectMaxDelay"] = "00:00:01",
            ["Logging__LogLevel__MeterGrains.Gateway.Mqtt.ExternalBrokerSubscriber"] = "Information",
        };
        var silo = await SiloProcess.StartAsync(database, cluster, ports, settings);
        try
        {
            // Ready is not subscribed: a message published before the first subscription has no session to wait in.
            await Eventually.UntilAsync(
                () => Task.FromResult(silo.Output.Contains("Connected to MQTT broker", StringComparison.Ordinal)),
                Deadline,
                $"gateway {clientId} is subscribed to Mosquitto");
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task PublishPartAsync(IMqttClient publisher, string[] meterIds, DateTimeOffset t0, int first, int count)
    {
        for (var minute = first; minute < first + count; minute++)
        {
            foreach (var meterId in meterIds)
            {
                await MeterReadingSliceTests.PublishAsync(publisher, $"meters/{meterId}/reading",
                    $$"""{"ts":"{{t0.AddMinutes(minute):O}}","importPowerW":{{100 + minute}}}""");
            }
        }
    }

    private static async Task<long> CountStoredAsync(string database, string[] meterIds, bool distinct = false, bool perMeter = false)
    {
        var what = perMeter ? "DISTINCT meter_id" : distinct ? "DISTINCT (meter_id, ts)" : "*";
        return await TestDatabase.ScalarAsync<long>(database, $"SELECT count({what}) FROM meter_readings WHERE meter_id = ANY(@ids)", ("ids", meterIds));
    }

    private static async Task<JsonElement?> TryGetMeterAsync(SiloProcess silo, string meterId)
    {
        using var response = await silo.Http.GetAsync($"/api/v1/meters/{meterId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static DateTimeOffset MinuteAgo()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
