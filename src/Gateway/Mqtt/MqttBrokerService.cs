using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Runs the embedded MQTTnet broker on <see cref="MqttOptions.BindAddress"/>:<see cref="MqttOptions.Port"/> (and with a
/// certificate on <see cref="MqttTlsOptions.BindAddress"/>:<see cref="MqttOptions.TlsPort"/>), admits clients and checks
/// their publishes and subscriptions through <see cref="MqttAccessControl"/>, and hands every allowed message whose topic
/// has a decoder to the <see cref="IngestPipeline"/>.
/// </summary>
/// <remarks>
/// MQTTnet awaits the publish interceptor before it acknowledges a QoS 1 message and reads the client's next packet,
/// so waiting for space in a full lane slows that client down instead of buffering without bound. Messages stay
/// routable to subscribers (monitoring tools may subscribe to <c>meters/#</c>).
/// </remarks>
public sealed class MqttBrokerService(
    DecoderRegistry decoders,
    IngestPipeline pipeline,
    MqttAccessControl accessControl,
    GatewayMetrics metrics,
    IOptions<MqttOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable, IDeviceSessions
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<MqttBrokerService>();
    private MqttServer? _server;
    private X509Certificate2? _certificate;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            _logger.BrokerDisabled();
            return;
        }

        var address = IPAddress.Parse(settings.BindAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(settings.Port);
        var tls = settings.Tls;
        var tlsAddress = IPAddress.Parse(tls.BindAddress);
        // Kept until the broker stops: every TLS handshake uses it.
        var certificate = _certificate = string.IsNullOrWhiteSpace(tls.CertificatePath) ? null : TlsCertificateLoader.Load(tls);
        if (certificate is not null)
        {
            builder.WithEncryptedEndpoint().WithEncryptedEndpointPort(settings.TlsPort).WithEncryptionCertificate(certificate);
        }

        var serverOptions = builder.Build();

        // MQTTnet listens on IPv4 *and* IPv6 "any" by default: bind exactly the configured address and disable the other family.
        BindExactly(serverOptions.DefaultEndpointOptions, address);
        BindExactly(serverOptions.TlsEndpointOptions, tlsAddress);

        var server = new MqttServerFactory().CreateMqttServer(serverOptions, new MqttNetLoggerAdapter(loggerFactory.CreateLogger("MeterGrains.Gateway.Mqtt.MqttNet")));
        server.ValidatingConnectionAsync += accessControl.ValidateConnectionAsync;
        server.InterceptingSubscriptionAsync += accessControl.AuthorizeSubscriptionAsync;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;

        await server.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _server = server;

        _logger.BrokerStarted(settings.BindAddress, settings.Port, settings.RequireAuthentication);
        if (certificate is null)
        {
            _logger.TlsEndpointOff(settings.TlsPort);
        }
        else
        {
            _logger.TlsEndpointStarted(tls.BindAddress, settings.TlsPort, certificate.Subject, certificate.NotAfter);
        }

        if (!IPAddress.IsLoopback(address) && !settings.RequireAuthentication)
        {
            _logger.BrokerExposedWithoutAuthentication(settings.BindAddress, settings.Port);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null)
        {
            return;
        }

        try
        {
            // Stop accepting and disconnect clients before the pipeline (registered earlier, so stopped later) drains.
            await server.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            server.ValidatingConnectionAsync -= accessControl.ValidateConnectionAsync;
            server.InterceptingSubscriptionAsync -= accessControl.AuthorizeSubscriptionAsync;
            server.InterceptingPublishAsync -= OnInterceptingPublishAsync;
            server.Dispose();
            Interlocked.Exchange(ref _certificate, null)?.Dispose();
            _logger.BrokerStopped();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<int> DisconnectAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_server is not { } server)
        {
            return 0;
        }

        var disconnected = 0;
        foreach (var client in await server.GetClientsAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            // Authenticated clients' ids are bound to their device (DeviceGrant.OwnsClientId).
            if (client.Id == deviceId || client.Id.StartsWith(deviceId + "/", StringComparison.Ordinal))
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MQTTnet.Protocol.MqttDisconnectReasonCode.NotAuthorized })
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                _logger.ClientDisconnected(deviceId, client.Id);
                disconnected++;
            }
        }

        return disconnected;
    }

    private static void BindExactly(MqttServerTcpEndpointBaseOptions endpoint, IPAddress address)
    {
        endpoint.BoundInterNetworkAddress = address.AddressFamily == AddressFamily.InterNetwork ? address : IPAddress.None;
        endpoint.BoundInterNetworkV6Address = address.AddressFamily == AddressFamily.InterNetworkV6 ? address : IPAddress.None;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        var (grant, allowed) = await accessControl.AuthorizePublishAsync(args).ConfigureAwait(false);
        if (!allowed)
        {
            return;
        }

        var message = args.ApplicationMessage;
        var topic = message.Topic;
        if (string.IsNullOrEmpty(topic) || !decoders.TryGetDecoder(topic, out var decoder))
        {
            _logger.NoDecoder(topic ?? string.Empty);
            return;
        }

        var receivedAt = timeProvider.GetUtcNow();
        metrics.MessageReceived(decoder.Name);

        DecodeResult result;
        try
        {
            // Decoding is synchronous and finishes before any await: the payload buffer is only valid during this call.
            result = decoders.Decode(decoder, topic, message.Payload, receivedAt);
        }
        catch (Exception ex)
        {
            _logger.DecoderFailed(decoder.Name, topic, ex);
            result = DecodeResult.Rejected(new DecodeRejection($"decoder {decoder.Name} failed: {ex.GetType().Name}: {ex.Message}"));
        }

        if (grant is not null)
        {
            result = await accessControl.KeepOwnMetersAsync(grant, result, topic, receivedAt).ConfigureAwait(false);
        }

        try
        {
            await pipeline.SubmitAsync(topic, receivedAt, result, args.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (args.CancellationToken.IsCancellationRequested)
        {
            // The client disconnected while waiting for space; it had no PUBACK, so a QoS 1 publisher sends it again.
            _logger.PublishCanceled(topic, args.ClientId);
        }
        catch (ChannelClosedException)
        {
            _logger.PipelineClosed(topic, args.ClientId);
            args.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.ImplementationSpecificError;
        }
    }
}
