using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Commands through the real silo: the operator posts a command over REST, an MQTTnet client acting as the device
/// receives it on its command topic from the embedded broker, answers, and the command's status follows.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class DeviceCommandTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_gen2_device_gets_switch_set_and_its_reply_acknowledges_the_command()
    {
        var deviceId = $"shellyproem50-{Guid.NewGuid():N}"[..30];
        await RegisterAsync(deviceId, "shelly-gen2");
        using var device = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: deviceId);
        var received = await SubscribeAsync(device, $"{deviceId}/rpc");

        var id = await SendAsync($"{deviceId}:1", """{"name": "relay", "args": {"channel": 0, "on": true}}""");

        var request = await ReceiveAsync(received);
        Assert.Equal($"{deviceId}/rpc", request.Topic);
        using var json = JsonDocument.Parse(request.Payload);
        var root = json.RootElement;
        Assert.Equal("Switch.Set", root.GetProperty("method").GetString());
        Assert.Equal(0, root.GetProperty("params").GetProperty("id").GetInt32());
        Assert.True(root.GetProperty("params").GetProperty("on").GetBoolean());
        var src = root.GetProperty("src").GetString();
        var rpcId = root.GetProperty("id").GetInt64();
        Assert.Equal("sent", (await GetCommandAsync(id)).GetProperty("status").GetString());

        // A reply to another request id must not count.
        await MeterReadingSliceTests.PublishAsync(device, $"{src}/rpc", $$$"""{"id":{{{rpcId + 1000}}},"src":"{{{deviceId}}}","dst":"{{{src}}}","result":{"was_on":false}}""");
        await MeterReadingSliceTests.PublishAsync(device, $"{src}/rpc", $$$"""{"id":{{{rpcId}}},"src":"{{{deviceId}}}","dst":"{{{src}}}","result":{"was_on":false}}""");

        var command = await Eventually.ReturnsAsync(
            () => GetCommandAsync(id), c => c.GetProperty("status").GetString() == "acknowledged", Deadline, $"command {id} is acknowledged");
        Assert.Equal(deviceId, command.GetProperty("deviceId").GetString());
        Assert.Equal("shelly-gen2", command.GetProperty("family").GetString());
        Assert.NotEqual(JsonValueKind.Null, command.GetProperty("sentAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, command.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task A_gen2_error_reply_fails_the_command_with_the_devices_reason()
    {
        var deviceId = $"shellypro3em-{Guid.NewGuid():N}"[..30];
        await RegisterAsync(deviceId, "shelly-gen2");
        using var device = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: deviceId);
        var received = await SubscribeAsync(device, $"{deviceId}/rpc");

        var id = await SendAsync(deviceId, """{"name": "relay", "args": {"channel": 3, "on": false}}""");
        var request = await ReceiveAsync(received);
        using var json = JsonDocument.Parse(request.Payload);
        var src = json.RootElement.GetProperty("src").GetString();
        var rpcId = json.RootElement.GetProperty("id").GetInt64();
        await MeterReadingSliceTests.PublishAsync(device, $"{src}/rpc",
            $$$"""{"id":{{{rpcId}}},"src":"{{{deviceId}}}","dst":"{{{src}}}","error":{"code":-105,"message":"Argument 'id', value 3 not found!"}}""");

        var command = await Eventually.ReturnsAsync(
            () => GetCommandAsync(id), c => c.GetProperty("status").GetString() == "failed", Deadline, $"command {id} has failed");
        Assert.Equal("device error -105: Argument 'id', value 3 not found!", command.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unanswered_gen2_command_fails_after_the_reply_timeout()
    {
        var deviceId = $"shellyproem50-{Guid.NewGuid():N}"[..30];
        await RegisterAsync(deviceId, "shelly-gen2");
        using var device = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: deviceId);
        var received = await SubscribeAsync(device, $"{deviceId}/rpc");

        var id = await SendAsync(deviceId, """{"name": "relay", "args": {"channel": 0, "on": true}}""");
        await ReceiveAsync(received);

        // The fixture sets Commands:ReplyTimeout to 5 s; the device never answers.
        var command = await Eventually.ReturnsAsync(
            () => GetCommandAsync(id), c => c.GetProperty("status").GetString() == "failed", Deadline, $"command {id} fails for want of a reply");
        Assert.Contains("no reply from the device within 00:00:05", command.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var waited = command.GetProperty("completedAt").GetDateTimeOffset() - command.GetProperty("sentAt").GetDateTimeOffset();
        Assert.True(waited >= TimeSpan.FromSeconds(5), $"failed after {waited}, before the 5 s timeout");
    }

    [Fact]
    public async Task A_gen1_device_gets_on_and_its_relay_state_acknowledges_the_command()
    {
        var deviceId = $"shellyem-{Guid.NewGuid():N}"[..24];
        await RegisterAsync(deviceId, "shelly-gen1");
        using var device = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: deviceId);
        var received = await SubscribeAsync(device, $"shellies/{deviceId}/relay/+/command");

        var id = await SendAsync($"{deviceId}:0", """{"name": "relay", "args": {"channel": 0, "on": true}}""");

        var request = await ReceiveAsync(received);
        Assert.Equal($"shellies/{deviceId}/relay/0/command", request.Topic);
        Assert.Equal("on", request.Payload);
        await Eventually.ReturnsAsync(() => GetCommandAsync(id), c => c.GetProperty("status").GetString() == "sent", Deadline, $"command {id} is sent");

        // The relay reporting the other state is no acknowledgement; reporting "on" is.
        await MeterReadingSliceTests.PublishAsync(device, $"shellies/{deviceId}/relay/0", "off");
        await MeterReadingSliceTests.PublishAsync(device, $"shellies/{deviceId}/relay/0", "on");
        await Eventually.ReturnsAsync(
            () => GetCommandAsync(id), c => c.GetProperty("status").GetString() == "acknowledged", Deadline, $"command {id} is acknowledged");
    }

    [Fact]
    public async Task A_command_waits_for_its_device_to_connect_to_this_gateways_broker_before_it_is_claimed()
    {
        var absent = $"shellyproem50-{Guid.NewGuid():N}"[..30];
        var present = $"shellyproem50-{Guid.NewGuid():N}"[..30];
        await RegisterAsync(absent, "shelly-gen2");
        await RegisterAsync(present, "shelly-gen2");
        using var presentDevice = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: present);
        var presentReceived = await SubscribeAsync(presentDevice, $"{present}/rpc");

        var waiting = await SendAsync(absent, """{"name": "relay", "args": {"channel": 0, "on": true}}""");
        var delivered = await SendAsync(present, """{"name": "relay", "args": {"channel": 0, "on": true}}""");

        // The dispatcher looked after both were added (it claimed the second); the first, for a device connected nowhere,
        // is left pending rather than published to nobody.
        await ReceiveAsync(presentReceived);
        Assert.Equal("sent", (await GetCommandAsync(delivered)).GetProperty("status").GetString());
        Assert.Equal("pending", (await GetCommandAsync(waiting)).GetProperty("status").GetString());

        // Once the device connects and listens, this gateway claims it and the device gets it.
        using var lateDevice = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt, clientId: absent);
        var request = await ReceiveAsync(await SubscribeAsync(lateDevice, $"{absent}/rpc"));
        Assert.Equal($"{absent}/rpc", request.Topic);
        Assert.Equal("sent", (await GetCommandAsync(waiting)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_meter_without_a_device_is_404_and_a_bad_command_is_400()
    {
        using var unknown = await fixture.Silo.Http.PostAsync(
            $"/api/v1/meters/nobody-{Guid.NewGuid():N}/commands", Json("""{"name": "relay", "args": {"channel": 0, "on": true}}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no registered device", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deviceId = $"shellyem-{Guid.NewGuid():N}"[..24];
        await RegisterAsync(deviceId, "shelly-gen1");
        using var bad = await fixture.Silo.Http.PostAsync($"/api/v1/meters/{deviceId}/commands", Json("""{"name": "relay", "args": {"channel": 0}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("args.on", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        using var forbidden = await resident.PostAsync($"/api/v1/meters/{deviceId}/commands", Json("""{"name": "relay", "args": {"channel": 0, "on": true}}"""));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var missing = await fixture.Silo.Http.GetAsync($"/api/v1/commands/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task RegisterAsync(string deviceId, string family)
    {
        using var response = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<string> SendAsync(string meterId, string body)
    {
        using var response = await fixture.Silo.Http.PostAsync($"/api/v1/meters/{meterId}/commands", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/commands/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private async Task<JsonElement> GetCommandAsync(string id) => await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/commands/{id}");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static async Task<Channel<(string Topic, string Payload)>> SubscribeAsync(IMqttClient device, string filter)
    {
        var received = Channel.CreateUnbounded<(string Topic, string Payload)>();
        device.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        var subscribed = await device.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        return received;
    }

    internal static async Task<(string Topic, string Payload)> ReceiveAsync(Channel<(string Topic, string Payload)> received)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await received.Reader.ReadAsync(timeout.Token);
    }
}
