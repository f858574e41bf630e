using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// The client side of QoS 1, as a device does it: publishes its messages one after the other and repeats a message
/// until a gateway acknowledges it with success. A dropped connection, a refused connect, a PUBACK with an error
/// reason code or no PUBACK in time make it reconnect, to the next of its brokers in turn, and publish that message
/// again (MQTT 5, clean start: nothing unacknowledged is left behind on the broker).
/// </summary>
internal sealed class ResilientPublisher(string name, IReadOnlyList<int> brokerPorts, int firstBroker) : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // A delivery the gateway is still retrying may take long; a gateway that died without closing its socket answers never.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    private IMqttClient? _client;
    private int _broker = firstBroker % brokerPorts.Count;
    private bool _hasConnected;

    /// <summary>Publishes sent again after a failure (republished, not first tries).</summary>
    public int Republished { get; private set; }

    /// <summary>Connections made after the first.</summary>
    public int Reconnects { get; private set; }

    /// <summary>The latest failure, for diagnostics.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Publishes <paramref name="payload"/> to <paramref name="topic"/> at QoS 1 until it is acknowledged with success.</summary>
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempt > 0)
            {
                Republished++;
            }

            string failure;
            try
            {
                var client = await ConnectedClientAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                var result = await client.PublishAsync(message, timeout.Token);
                if (result.IsSuccess)
                {
                    return;
                }

                failure = $"PUBACK {result.ReasonCode}";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            // Another broker next; a full round of failures backs off a little, as a device would.
            Drop();
            _broker = (_broker + 1) % brokerPorts.Count;
            if (attempt > 0 && attempt % brokerPorts.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }

            LastFailure = $"{name}: {topic}: {failure}";
        }
    }

    public void Dispose() => Drop();

    private async Task<IMqttClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } connected)
        {
            return connected;
        }

        Drop();
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await client.ConnectAsync(
                new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", brokerPorts[_broker])
                    .WithProtocolVersion(MqttProtocolVersion.V500)
                    .WithClientId($"{name}-{Guid.NewGuid():N}")
                    .WithCleanStart()
                    .Build(),
                timeout.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        if (_hasConnected)
        {
            Reconnects++;
        }

        _hasConnected = true;
        _client = client;
        return client;
    }

    private void Drop()
    {
        var client = Interlocked.Exchange(ref _client, null);
        client?.Dispose();
    }
}
