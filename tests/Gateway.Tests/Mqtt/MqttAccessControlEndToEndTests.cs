using System.Globalization;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Hosting;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Gateway.Tests.Mqtt;

/// <summary>
/// The embedded broker with authentication on, a device registry in memory, and real MQTTnet 5 clients over TCP: who
/// may connect, publish and subscribe, and what each refusal leaves in the dead letters.
/// </summary>
public sealed class MqttAccessControlEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly int _port = FreeLoopbackPort.Take();
    private readonly InMemoryDeviceStore _devices = new();
    private readonly RecordingReadingSink _readings = new();
    private readonly RecordingDeadLetterSink _deadLetters = new();
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _devices.Add("gw-1", DeviceFamily.Generic, "pw-gw-1", "m-1");
        _devices.Add("gw-2", DeviceFamily.Generic, "pw-gw-2", "m-2");
        _devices.Add("pro-1", DeviceFamily.ShellyGen2, "pw-pro-1");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:RequireAuthentication"] = "true",
            ["Ingest:LaneCount"] = "2",
            // Room for every other test here (at most a few messages per device); the limit test goes beyond it.
            ["Mqtt:DeviceLimits:MessagesPerSecond"] = "1",
            ["Mqtt:DeviceLimits:Burst"] = "5",
            ["Mqtt:DeviceLimits:MaxPayloadBytes"] = "1024",
        });
        builder.Services.AddSingleton<IReadingSink>(_readings);
        builder.Services.AddSingleton<IDeadLetterSink>(_deadLetters);
        builder.Services.AddSingleton<IDeviceStore>(_devices);
        builder.Services.AddMqttGateway();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
    }

    [Fact]
    public async Task A_device_publishes_for_its_own_meter_and_is_refused_for_another()
    {
        using var client = await ConnectAsync("gw-1", "gw-1", "pw-gw-1");

        var own = await PublishAsync(client, "meters/m-1/reading", """{"ts":"2026-11-22T10:00:00Z","importPowerW":100}""");
        var foreign = await PublishAsync(client, "meters/m-2/reading", """{"ts":"2026-11-22T10:00:00Z","importPowerW":999}""");

        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, own.ReasonCode); // accepted; nobody else listens
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        await Eventually.WaitUntilAsync(() => _readings.ReadingsOf("m-1").Count == 1, Deadline, () => "the reading of m-1 arrives");
        Assert.Empty(_readings.ReadingsOf("m-2"));

        var refusal = Assert.Single(_deadLetters.Letters);
        Assert.Equal(DeadLetterStage.Auth, refusal.Stage);
        Assert.Equal("meters/m-2/reading", refusal.Topic);
        Assert.Contains("gw-1", refusal.Reason);
        Assert.Contains("999", refusal.RawPayload);
    }

    [Fact]
    public async Task A_device_over_its_rate_or_payload_limit_is_refused_and_audited()
    {
        using var client = await ConnectAsync("gw-1", "gw-1", "pw-gw-1");
        const string Reading = """{"ts":"2026-11-22T10:00:00Z","importPowerW":100}""";

        // Burst 5 at 1 message/s: the five are taken at once, the sixth finds the bucket (nearly) empty.
        var codes = new List<MqttClientPublishReasonCode>();
        for (var i = 0; i < 6; i++)
        {
            codes.Add((await PublishAsync(client, "meters/m-1/reading", Reading)).ReasonCode);
        }

        var tooLarge = await PublishAsync(client, "meters/m-1/reading", new string(' ', 1025) + Reading);

        Assert.All(codes.Take(5), c => Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, c));
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, codes[5]);
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, tooLarge.ReasonCode);
        var limited = _deadLetters.Letters.Where(l => l.Stage == DeadLetterStage.Limit).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, l => Assert.Equal("meters/m-1/reading", l.Topic));
        Assert.Contains(limited, l => l.Reason.Contains("device 'gw-1' publishes faster than 1 messages per second", StringComparison.Ordinal));
        Assert.DoesNotContain(_deadLetters.Letters, l => l.Stage == DeadLetterStage.Auth);
    }

    [Fact]
    public async Task A_device_subscribes_to_its_command_topic_but_not_to_anothers()
    {
        using var client = await ConnectAsync("gw-1", "gw-1", "pw-gw-1");

        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("meters/m-1/commands", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("meters/m-2/commands", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("meters/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        var codes = result.Items.ToDictionary(i => i.TopicFilter.Topic, i => i.ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, codes["meters/m-1/commands"]);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes["meters/m-2/commands"]);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes["meters/#"]);
        Assert.Equal(2, _deadLetters.Letters.Count(l => l.Stage == DeadLetterStage.Auth && l.Reason.StartsWith("subscribe refused", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("gw-1", "gw-1", "wrong", MqttClientConnectResultCode.BadUserNameOrPassword)]
    [InlineData("gw-1", "gw-9", "pw-gw-1", MqttClientConnectResultCode.BadUserNameOrPassword)]
    [InlineData("gw-2", "gw-1", "pw-gw-1", MqttClientConnectResultCode.ClientIdentifierNotValid)] // another device's client id
    public async Task Bad_credentials_or_a_foreign_client_id_are_refused_at_connect(
        string clientId, string user, string password, MqttClientConnectResultCode expected)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options(clientId, user, password));

        Assert.Equal(expected, result.ResultCode);
        Assert.False(client.IsConnected);
        Assert.Contains(_deadLetters.Letters, l => l.Stage == DeadLetterStage.Auth && l.Reason.StartsWith("connect refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_client_is_refused_when_authentication_is_on()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId("anon").WithProtocolVersion(MqttProtocolVersion.V500).Build());

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_gen2_device_cannot_speak_for_another_device_through_src()
    {
        using var client = await ConnectAsync("pro-1", "pro-1", "pw-pro-1");
        const string Spoofed = """{"src":"pro-2","method":"NotifyFullStatus","params":{"ts":1764000000,"em:0":{"total_act_power":5000}}}""";
        const string Own = """{"src":"pro-1","method":"NotifyFullStatus","params":{"ts":1764000000,"em:0":{"total_act_power":250}}}""";

        var spoofed = await PublishAsync(client, "pro-1/events/rpc", Spoofed);
        var own = await PublishAsync(client, "pro-1/events/rpc", Own);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        Assert.True(own.IsSuccess);
        await Eventually.WaitUntilAsync(() => _readings.ReadingsOf("pro-1").Count == 1, Deadline, () => "the reading of pro-1 arrives");
        Assert.Equal(250.0, _readings.ReadingsOf("pro-1")[0].ImportPowerW);
        Assert.Empty(_readings.ReadingsOf("pro-2"));
    }

    private MqttClientOptions Options(string clientId, string user, string password) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build();

    private async Task<IMqttClient> ConnectAsync(string clientId, string user, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(Deadline);
        await client.ConnectAsync(Options(clientId, user, password), timeout.Token);
        return client;
    }

    private static async Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string json)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            timeout.Token);
    }
}
