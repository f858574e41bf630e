using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Subscribes to an external MQTT 5 broker (<see cref="ExternalBrokerOptions"/>) with every decoder's topic filter at
/// QoS 1 and a persistent session, and hands each message to the <see cref="IngestPipeline"/>. A message is acknowledged
/// only after its readings were stored by their meter grains or dead-lettered, so a gateway that dies before that gets
/// it again from the broker (at least once; the meter grain ignores a repeated reading). It also publishes commands to
/// devices (<see cref="ICommandPublisher"/>) and, when <c>AddDeviceCommands</c> registered a
/// <see cref="CommandReplyListener"/>, subscribes to the devices' reply topics and hands replies to it.
/// </summary>
/// <remarks>
/// <para>
/// The receive handler waits only for lane space, never for delivery: the acknowledgement continues on the message's
/// <see cref="MessageDelivery"/>, so up to <see cref="ExternalBrokerOptions.ReceiveMaximum"/> messages are in flight.
/// MQTTnet calls the handler for one message after the other, which keeps the broker's order into the lanes.
/// </para>
/// <para>
/// A lost connection is re-established with exponential backoff. Acknowledgements of messages received on an earlier
/// connection are dropped: the broker sends those again on the new one (MQTT 5, 4.4), and a PUBACK with a packet id
/// of the old connection could acknowledge a different message on the new one.
/// </para>
/// </remarks>
public sealed class ExternalBrokerSubscriber(
    MessageIntake intake,
    DecoderRegistry decoders,
    IOptions<ExternalBrokerOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    CommandReplyListener? commandReplies = null) : IHostedService, IAsyncDisposable, ICommandPublisher
{
    /// <summary>
    /// Reply topics not already under a decoder's filter: Gen2 JSON-RPC replies and generic acknowledgements (Gen1 relay
    /// states come with <c>shellies/#</c>).
    /// </summary>
    internal static readonly string[] CommandReplyFilters = [$"+/{CommandFormatter.Gen2ReplySuffix}/rpc", "meters/+/commands/ack"];

    private readonly ILogger _logger = loggerFactory.CreateLogger<ExternalBrokerSubscriber>();
    private readonly ExternalBrokerOptions _settings = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _unsettled = new();
    private readonly SemaphoreSlim _disconnected = new(0);
    private IMqttClient? _client;
    private Task _connecting = Task.CompletedTask;
    private int _connection;
    private int _disposed;

    /// <summary>The topic filters this gateway subscribes to, shared when a group is configured.</summary>
    internal static IReadOnlyList<string> SubscriptionFilters(IEnumerable<string> topicFilters, string? sharedGroup) =>
        [.. topicFilters.Select(f => string.IsNullOrEmpty(sharedGroup) ? f : $"$share/{sharedGroup}/{f}")];

    /// <inheritdoc />
    public bool IsAvailable => !_stopping.IsCancellationRequested && _client is { IsConnected: true };

    /// <inheritdoc />
    /// <remarks>The external broker is shared: it delivers to a device wherever that device is connected to it.</remarks>
    public bool ReachesEveryDevice => true;

    /// <inheritdoc />
    public bool Reaches(string deviceId) => true;

    /// <inheritdoc />
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException("the external broker connection is not configured");
        var result = await client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"the broker refused the publish: {result.ReasonCode} {result.ReasonString}");
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var client = new MqttClientFactory().CreateMqttClient(new MqttNetLoggerAdapter(loggerFactory.CreateLogger("MeterGrains.Gateway.Mqtt.MqttNet")));
        client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
        _client = client;

        // Start-up does not wait for the broker: the gateway comes up and keeps trying, as it does after a lost connection.
        _connecting = Task.Run(() => KeepConnectedAsync(client, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        // New messages are left unacknowledged from here on; those already submitted settle while the pipeline (stopped
        // after this service) still runs, and are acknowledged if that happens before the host's stop deadline.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connecting.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_unsettled.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.ExternalUnsettledAtStop(_unsettled.Count);
        }

        if (client.IsConnected)
        {
            try
            {
                // A normal DISCONNECT keeps the session: the broker queues what arrives until this gateway is back.
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.ExternalBrokerDisconnected(_settings.Host, _settings.EffectivePort, "disconnect at stop failed", ex);
            }
        }

        _logger.ExternalBrokerStopped(_settings.Host, _settings.EffectivePort, _settings.EffectiveClientId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (_client is { } client)
        {
            client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
            client.DisconnectedAsync -= OnDisconnectedAsync;
            client.Dispose();
        }

        _stopping.Dispose();
        _disconnected.Dispose();
    }

    private async Task KeepConnectedAsync(IMqttClient client, CancellationToken stopping)
    {
        var clientOptions = BuildClientOptions();
        var filters = SubscriptionFilters(
            commandReplies is null ? decoders.TopicFilters : [.. decoders.TopicFilters, .. CommandReplyFilters], _settings.SharedSubscriptionGroup);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAndSubscribeAsync(client, clientOptions, filters, stopping).ConfigureAwait(false);
                    failures = 0;
                }

                // Woken by every disconnect; a wake-up while connected (a stale signal) just waits again.
                await _disconnected.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = ReconnectDelay(failures);
                _logger.ExternalBrokerConnectFailed(_settings.Host, _settings.EffectivePort, failures, delay, ex);
                try
                {
                    await Task.Delay(delay, timeProvider, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(IMqttClient client, MqttClientOptions clientOptions, IReadOnlyList<string> filters, CancellationToken stopping)
    {
        // Before connecting: the broker resends the session's unacknowledged messages right after CONNACK, and those
        // belong to the new connection. The old connection's handler has returned by now (MQTTnet waits for it).
        Interlocked.Increment(ref _connection);
        var connected = await client.ConnectAsync(clientOptions, stopping).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {connected.ResultCode} {connected.ReasonString}");
        }

        // Subscribing again on every connection is harmless (it replaces the session's subscription) and picks up filters
        // added since the session was created. Retained messages are old values: a reading stamped on arrival would be wrong.
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(f => f
                .WithTopic(filter)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe));
        }

        var subscribed = await client.SubscribeAsync(subscribe.Build(), stopping).ConfigureAwait(false);
        var refused = 0;
        foreach (var item in subscribed.Items)
        {
            if (item.ResultCode == MqttClientSubscribeResultCode.GrantedQoS0)
            {
                _logger.ExternalSubscriptionDowngraded(_settings.Host, _settings.EffectivePort, item.TopicFilter.Topic, item.ResultCode.ToString());
            }
            else if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                refused++;
                _logger.ExternalSubscriptionRefused(_settings.Host, _settings.EffectivePort, item.TopicFilter.Topic, item.ResultCode.ToString());
            }
        }

        if (refused == subscribed.Items.Count)
        {
            // Connected but subscribed to nothing: drop the connection and try again with backoff rather than idle silently.
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), stopping).ConfigureAwait(false);
            throw new InvalidOperationException("the broker refused every subscription");
        }

        _logger.ExternalBrokerConnected(
            _settings.Host, _settings.EffectivePort, _settings.EffectiveClientId, connected.IsSessionPresent, string.Join(", ", filters));
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.EffectivePort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_settings.EffectiveClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_settings.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_settings.ReceiveMaximum);
        if (!string.IsNullOrEmpty(_settings.Username))
        {
            builder = builder.WithCredentials(_settings.Username, _settings.Password);
        }

        if (_settings.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        return builder.Build();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            _logger.ExternalBrokerDisconnected(_settings.Host, _settings.EffectivePort, args.Reason.ToString(), args.Exception);
        }

        _disconnected.Release();
        return Task.CompletedTask;
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        var message = args.ApplicationMessage;
        var connection = Volatile.Read(ref _connection);
        if (_stopping.IsCancellationRequested)
        {
            _logger.ExternalMessageNotAcknowledged(message.Topic, "the gateway is stopping");
            return;
        }

        // Queued, never awaited here; any gateway of a shared group may record a reply (the store is shared).
        commandReplies?.Offer(message.Topic, message.Payload);
        var delivery = new MessageDelivery();
        try
        {
            if (!await intake.SubmitAsync(message.Topic, message.Payload, delivery, _stopping.Token).ConfigureAwait(false))
            {
                // No decoder (a filter of one decoder can be wider than what it decodes): nothing to store, nothing to redo.
                await AcknowledgeAsync(args, connection).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            _logger.ExternalMessageNotAcknowledged(message.Topic, "the gateway is stopping");
            return;
        }

        var acknowledging = AcknowledgeWhenSettledAsync(args, delivery, connection);
        if (!acknowledging.IsCompleted)
        {
            _unsettled.TryAdd(acknowledging, 0);
            _ = acknowledging.ContinueWith(
                static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _),
                _unsettled, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task AcknowledgeWhenSettledAsync(MqttApplicationMessageReceivedEventArgs args, MessageDelivery delivery, int connection)
    {
        if (await delivery.Completion.ConfigureAwait(false) == DeliveryOutcome.Abandoned)
        {
            _logger.ExternalMessageNotAcknowledged(args.ApplicationMessage.Topic, "its readings were not delivered before the gateway stopped");
            return;
        }

        await AcknowledgeAsync(args, connection).ConfigureAwait(false);
    }

    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs args, int connection)
    {
        if (connection != Volatile.Read(ref _connection) || _client is not { IsConnected: true })
        {
            _logger.ExternalMessageNotAcknowledged(args.ApplicationMessage.Topic, "it came on a connection that is gone");
            return;
        }

        try
        {
            await args.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.ExternalAcknowledgeFailed(args.ApplicationMessage.Topic, ex);
        }
    }

    private TimeSpan ReconnectDelay(int failures)
    {
        var exponential = _settings.ReconnectDelay * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = exponential < _settings.ReconnectMaxDelay ? exponential : _settings.ReconnectMaxDelay;
        // ±20 % jitter, so that the gateways of a group do not reconnect in lockstep after a broker restart.
        return capped * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }
}
