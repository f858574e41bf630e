using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Runs the embedded MQTTnet broker on <see cref="MqttOptions.BindAddress"/>:<see cref="MqttOptions.Port"/> and hands
/// every published message whose topic has a decoder to the <see cref="IngestPipeline"/>.
/// </summary>
/// <remarks>
/// MQTTnet awaits the publish interceptor before it acknowledges a QoS 1 message and reads the client's next packet,
/// so waiting for space in a full lane slows that client down instead of buffering without bound. By default the
/// PUBACK leaves once the readings are enqueued; with <see cref="MqttOptions.AcknowledgeAfterStore"/> only once they
/// are stored. Messages stay routable to subscribers (monitoring tools may subscribe to <c>meters/#</c>).
/// </remarks>
public sealed class MqttBrokerService(
    MessageIntake intake,
    IOptions<MqttOptions> options,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<MqttBrokerService>();
    private MqttServer? _server;

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
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(settings.Port)
            .Build();

        // MQTTnet listens on IPv4 *and* IPv6 "any" by default: bind exactly the configured address and disable the other family.
        var endpoint = serverOptions.DefaultEndpointOptions;
        endpoint.BoundInterNetworkAddress = address.AddressFamily == AddressFamily.InterNetwork ? address : IPAddress.None;
        endpoint.BoundInterNetworkV6Address = address.AddressFamily == AddressFamily.InterNetworkV6 ? address : IPAddress.None;

        var server = new MqttServerFactory().CreateMqttServer(serverOptions, new MqttNetLoggerAdapter(loggerFactory.CreateLogger("MeterGrains.Gateway.Mqtt.MqttNet")));
        server.ValidatingConnectionAsync += AssignMissingClientId;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;

        await server.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _server = server;

        _logger.BrokerStarted(settings.BindAddress, settings.Port);
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
            server.ValidatingConnectionAsync -= AssignMissingClientId;
            server.InterceptingPublishAsync -= OnInterceptingPublishAsync;
            server.Dispose();
            _logger.BrokerStopped();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// A client may leave its id empty and let the broker choose one (MQTT 3.1.1 with a clean session, MQTT 5):
    /// <c>mosquitto_pub</c> without <c>-i</c> does.
    /// </summary>
    private static Task AssignMissingClientId(ValidatingConnectionEventArgs args)
    {
        if (string.IsNullOrEmpty(args.ClientId))
        {
            args.AssignedClientIdentifier = $"anonymous-{Guid.NewGuid():N}";
        }

        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        var delivery = options.Value.AcknowledgeAfterStore && message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce
            ? new MessageDelivery()
            : null;
        try
        {
            if (!await intake.SubmitAsync(message.Topic, message.Payload, delivery, args.CancellationToken).ConfigureAwait(false) || delivery is null)
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
