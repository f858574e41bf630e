using System.Net;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace MeterGrains.Bench;

/// <summary>
/// The baseline: an MQTTnet server like the gateway's embedded broker, with nothing behind it but one QoS 1
/// subscriber that takes every message (the same library, the same clients, no MeterGrains).
/// </summary>
public sealed class BrokerAlone : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly IMqttClient _subscriber;
    private long _received;

    private BrokerAlone(MqttServer server, IMqttClient subscriber)
    {
        _server = server;
        _subscriber = subscriber;
        _subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    public int Port { get; private init; }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<BrokerAlone> StartAsync()
    {
        var port = FreePort.Next();
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port)
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(IPAddress.None).Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();

        var factory = new MqttClientFactory();
        var subscriber = factory.CreateMqttClient();
        var broker = new BrokerAlone(server, subscriber) { Port = port };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId("bench-subscriber").WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await subscriber.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter("meters/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscriber.DisconnectAsync();
        _subscriber.Dispose();
        await _server.StopAsync();
        _server.Dispose();
    }
}
