using System.Net;
using System.Net.Sockets;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Hosting;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Gateway.Tests.Mqtt;

/// <summary>The real host with AddMqttGateway, the embedded broker on a free loopback port, and a real MQTTnet 5 client over TCP.</summary>
public sealed class MqttBrokerEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Generic_json_published_at_qos1_reaches_the_reading_sink()
    {
        var port = FreeLoopbackPort.Take();
        var sink = new RecordingReadingSink();
        var deadLetters = new RecordingDeadLetterSink();
        using var host = BuildHost(port, sink, deadLetters);
        using var timeout = new CancellationTokenSource(Deadline);
        await host.StartAsync(timeout.Token);
        try
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(
                new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("e2e-meter-device").Build(), timeout.Token);

            var published = await client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic("meters/e2e-meter:0/reading")
                    .WithPayload("""
                        [
                          {"ts": "2026-11-22T10:00:00Z", "importPowerW": 512.5, "exportPowerW": 0, "importRegisterWh": 123456.7, "exportRegisterWh": 89.0},
                          {"ts": 1700000000000, "exportPowerW": 250, "voltageV": 229.5}
                        ]
                        """)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                timeout.Token);
            Assert.True(published.IsSuccess, $"PUBACK reason {published.ReasonCode}");

            var rejected = await client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic("meters/e2e-meter:0/reading")
                    .WithPayload("this is not json")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                timeout.Token);
            Assert.True(rejected.IsSuccess); // the broker acknowledges receipt; the rejection goes to the dead letters

            await Eventually.WaitUntilAsync(
                () => sink.ReadingsOf("e2e-meter:0").Count == 2,
                Deadline,
                () => $"the sink has 2 readings of e2e-meter:0 (has {sink.ReadingsOf("e2e-meter:0").Count})");
            await Eventually.WaitUntilAsync(() => deadLetters.Letters.Count == 1, Deadline, () => "the non-JSON message is dead-lettered");

            var readings = sink.ReadingsOf("e2e-meter:0");
            Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), readings[0].Timestamp);
            Assert.Equal(512.5, readings[0].ImportPowerW);
            Assert.Equal(0.0, readings[0].ExportPowerW);
            Assert.Equal(123456.7, readings[0].ImportRegisterWh);
            Assert.Equal(89.0, readings[0].ExportRegisterWh);
            // Unix time 1 700 000 000 s is 2023-11-14 22:13:20 UTC.
            Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero), readings[1].Timestamp);
            Assert.Null(readings[1].ImportPowerW);
            Assert.Equal(250.0, readings[1].ExportPowerW);
            Assert.Equal(229.5, readings[1].VoltageV);

            var deadLetter = Assert.Single(deadLetters.Letters);
            Assert.Equal(DeadLetterStage.Decode, deadLetter.Stage);
            Assert.Equal("meters/e2e-meter:0/reading", deadLetter.Topic);
            Assert.Contains("not valid JSON", deadLetter.Reason);

            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Broker_bound_to_ipv4_loopback_does_not_also_listen_on_ipv6()
    {
        // MQTTnet listens on IPv6 "any" as well unless told otherwise; a loopback-only broker must not be reachable that way.
        var port = FreeLoopbackPort.Take();
        using var host = BuildHost(port, new RecordingReadingSink(), new RecordingDeadLetterSink());
        await host.StartAsync();
        try
        {
            using (var v4 = new TcpClient(AddressFamily.InterNetwork))
            {
                await v4.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Deadline);
            }

            if (Socket.OSSupportsIPv6)
            {
                using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
                await Assert.ThrowsAsync<SocketException>(() => v6.ConnectAsync(IPAddress.IPv6Loopback, port).WaitAsync(Deadline));
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Invalid_configuration_fails_start_up_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = "0",
            ["Mqtt:BindAddress"] = "localhost-ish",
        });
        builder.Services.AddSingleton<IReadingSink>(new RecordingReadingSink());
        builder.Services.AddMqttGateway();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Mqtt:Port must be between 1 and 65535", error.Message);
        Assert.Contains("Mqtt:BindAddress", error.Message);
    }

    private static IHost BuildHost(int port, RecordingReadingSink sink, RecordingDeadLetterSink deadLetters)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Ingest:LaneCount"] = "2",
            ["Mqtt:RequireAuthentication"] = "false",
        });
        // Registered before AddMqttGateway, whose TryAdd then keeps these instead of GrainReadingSink / LoggingDeadLetterSink.
        builder.Services.AddSingleton<IReadingSink>(sink);
        builder.Services.AddSingleton<IDeadLetterSink>(deadLetters);
        builder.Services.AddSingleton<IDeviceStore>(new InMemoryDeviceStore());
        builder.Services.AddMqttGateway();
        return builder.Build();
    }
}
