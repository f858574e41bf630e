using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Bench;

/// <summary>The baseline's receiver: an MQTT client subscribed (QoS 1) to the probe meter's topic only.</summary>
public sealed class BrokerProbeSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private BrokerProbeSubscriber(IMqttClient client) => _client = client;

    public static async Task<BrokerProbeSubscriber> ConnectAsync(int port, LatencyProbe probe)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            using var json = JsonDocument.Parse(e.ApplicationMessage.Payload);
            probe.Arrived(json.RootElement.GetProperty("ts").GetDateTimeOffset());
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId("latency-probe-subscriber")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(LatencyProbe.Topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return new BrokerProbeSubscriber(client);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
