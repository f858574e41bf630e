using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Runs the embedded MQTTnet broker on <see cref="MqttOptions.BindAddress"/>:<see cref="MqttOptions.Port"/> and hands
/// every published message whose topic has a decoder to the <see cref="IngestPipeline"/>.
/// </summary>
/// <remarks>
/// MQTTnet awaits the publish interceptor before it acknowledges a QoS 1 message and reads the client's next packet,
/// so waiting for space in a full lane slows that client down instead of buffering without bound. Messages stay
/// routable to subscribers (monitoring tools may subscribe to <c>meters/#</c>).
/// </remarks>
public sealed class MqttBrokerService(
    DecoderRegistry decoders,
    IngestPipeline pipeline,
    GatewayMetrics metrics,
    IOptions<MqttOptions> options,
    TimeProvider timeProvider,
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
