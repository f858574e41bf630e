using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Runs the embedded MQTTnet broker on <see cref="MqttOptions.BindAddress"/>:<see cref="MqttOptions.Port"/> (and with a
/// certificate on <see cref="MqttTlsOptions.BindAddress"/>:<see cref="MqttOptions.TlsPort"/>), admits clients and checks
/// their publishes and subscriptions through <see cref="MqttAccessControl"/>, and hands every allowed message whose topic
/// has a decoder to the <see cref="IngestPipeline"/>. It also publishes commands to devices (<see cref="ICommandPublisher"/>)
/// and hands devices' replies to the <see cref="CommandReplyListener"/> (when <c>AddDeviceCommands</c> registered one).
/// </summary>
/// <remarks>
/// MQTTnet awaits the publish interceptor before it acknowledges a QoS 1 message and reads the client's next packet,
/// so waiting for space in a full lane slows that client down instead of buffering without bound. By default
/// (<see cref="MqttOptions.AcknowledgeAfterStore"/>) the PUBACK leaves only once the readings are stored; without it,
/// once they are enqueued. Messages stay routable to subscribers (monitoring tools may subscribe to <c>meters/#</c>).
/// </remarks>
public sealed class MqttBrokerService(
    MessageIntake intake,
    MqttAccessControl accessControl,
    IOptions<MqttOptions> options,
    ILoggerFactory loggerFactory,
    ConnectedDevices connectedDevices,
    CommandReplyListener? commandReplies = null) : IHostedService, IAsyncDisposable, IDeviceSessions, ICommandPublisher
{
    /// <summary>The sender id of commands the broker itself publishes; its messages skip the ACL and the ingest.</summary>
    public const string CommandSenderId = "metergrains-commands";

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
        server.ClientSubscribedTopicAsync += OnClientSubscribedAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;

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
            server.ClientSubscribedTopicAsync -= OnClientSubscribedAsync;
            server.ClientDisconnectedAsync -= OnClientDisconnectedAsync;
            server.Dispose();
            connectedDevices.Clear();
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

    /// <inheritdoc />
    public bool IsAvailable => _server is { IsStarted: true };

    /// <inheritdoc />
    /// <remarks>An embedded broker reaches only its own clients; with several gateway silos a device is on one of them.</remarks>
    public bool ReachesEveryDevice => false;

    /// <inheritdoc />
    public bool Reaches(string deviceId) => connectedDevices.IsConnected(deviceId);

    /// <inheritdoc />
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("the embedded broker is not running");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = CommandSenderId }, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task OnClientSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        connectedDevices.Subscribed(args.ClientId, ConnectedDevices.DeviceOf(args.ClientId, MqttAccessControl.DeviceOf(args.SessionItems)));
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        connectedDevices.Disconnected(args.ClientId);
        return Task.CompletedTask;
    }

    private static void BindExactly(MqttServerTcpEndpointBaseOptions endpoint, IPAddress address)
    {
        endpoint.BoundInterNetworkAddress = address.AddressFamily == AddressFamily.InterNetwork ? address : IPAddress.None;
        endpoint.BoundInterNetworkV6Address = address.AddressFamily == AddressFamily.InterNetworkV6 ? address : IPAddress.None;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        // Injected commands carry no device grant; a device registered under this id still goes through the ACL.
        if (args.ClientId == CommandSenderId && !MqttAccessControl.IsDevice(args))
        {
            return;
        }

        var (grant, allowed) = await accessControl.AuthorizePublishAsync(args).ConfigureAwait(false);
        if (!allowed)
        {
            return;
        }

        var message = args.ApplicationMessage;
        // A reply to a command is queued, not awaited: the store is written off this client's receive path.
        commandReplies?.Offer(message.Topic, message.Payload);
        var delivery = options.Value.AcknowledgeAfterStore && message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce
            ? new MessageDelivery()
            : null;
        try
        {
            // An authenticated device feeds only its own meters: readings for others are dropped and audited.
            var screen = grant is null
                ? null
                : new Func<DecodeResult, string, DateTimeOffset, ValueTask<DecodeResult>>((result, topic, at) => accessControl.KeepOwnMetersAsync(grant, result, topic, at));
            if (!await intake.SubmitAsync(message.Topic, message.Payload, delivery, args.CancellationToken, screen).ConfigureAwait(false) || delivery is null)
            {
                return;
            }

            // MQTTnet sends the PUBACK when this handler returns: waiting here holds this client's next packet until the
            // readings are stored, so one connection has one message in flight (see MqttOptions.AcknowledgeAfterStore).
            if (await delivery.Completion.WaitAsync(args.CancellationToken).ConfigureAwait(false) == DeliveryOutcome.Abandoned)
            {
                args.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            }
        }
        catch (OperationCanceledException) when (args.CancellationToken.IsCancellationRequested)
        {
            // The client disconnected while waiting; it had no PUBACK, so a QoS 1 publisher sends it again.
            _logger.PublishCanceled(message.Topic, args.ClientId);
        }
        catch (ChannelClosedException)
        {
            _logger.PipelineClosed(message.Topic, args.ClientId);
            args.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
        }
    }
}
