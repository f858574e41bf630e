using System.Globalization;
using System.Security.Cryptography.X509Certificates;
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
/// The TLS endpoint with a self-signed PEM certificate made at test time, and authentication <em>off</em> on the plain
/// port: TLS clients must authenticate anyway.
/// </summary>
public sealed class MqttTlsEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly int _plainPort = FreeLoopbackPort.Take();
    private readonly int _tlsPort = FreeLoopbackPort.Take();
    private readonly string _directory = Directory.CreateTempSubdirectory("mqtt-tls-").FullName;
    private readonly InMemoryDeviceStore _devices = new();
    private readonly RecordingReadingSink _readings = new();
    private readonly X509Certificate2 _certificate = TestCertificates.SelfSigned("localhost");
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _devices.Add("gw-tls", DeviceFamily.Generic, "pw-tls", "m-tls");
        var certificatePath = Path.Combine(_directory, "server.crt");
        var keyPath = Path.Combine(_directory, "server.key");
        await File.WriteAllTextAsync(certificatePath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, _certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = _plainPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:RequireAuthentication"] = "false",
            ["Mqtt:TlsPort"] = _tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Tls:CertificatePath"] = certificatePath,
            ["Mqtt:Tls:KeyPath"] = keyPath,
            ["Mqtt:Tls:BindAddress"] = "127.0.0.1",
        });
        builder.Services.AddSingleton<IReadingSink>(_readings);
        builder.Services.AddSingleton<IDeadLetterSink>(new RecordingDeadLetterSink());
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

        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_device_connects_over_tls_and_its_reading_arrives()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(TlsOptions("gw-tls", "pw-tls"));
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);

        var published = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("meters/m-tls/reading").WithPayload("""{"ts":"2026-11-22T10:00:00Z","importPowerW":42}""")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.True(published.IsSuccess, $"PUBACK {published.ReasonCode}");
        await Eventually.WaitUntilAsync(() => _readings.ReadingsOf("m-tls").Count == 1, Deadline, () => "the reading sent over TLS arrives");
        Assert.Equal(42.0, _readings.ReadingsOf("m-tls")[0].ImportPowerW);
    }

    [Fact]
    public async Task Tls_requires_authentication_even_when_the_plain_port_does_not()
    {
        using var overTls = new MqttClientFactory().CreateMqttClient();
        var refused = await overTls.ConnectAsync(TlsOptions(user: null, password: null));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);

        using var plain = new MqttClientFactory().CreateMqttClient();
        var accepted = await plain.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _plainPort).WithClientId("anonymous-dev").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, accepted.ResultCode);
    }

    private MqttClientOptions TlsOptions(string? user, string? password)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithClientId(user ?? "anonymous-tls")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(Deadline)
            .WithTlsOptions(tls => tls
                .UseTls(true)
                .WithTargetHost("localhost")
                // Trust exactly the test's self-signed certificate, nothing else.
                .WithCertificateValidationHandler(e => e.Certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawData)));
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        return builder.Build();
    }
}
