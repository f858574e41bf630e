using MQTTnet;
using MQTTnet.Exceptions;

namespace MeterGrains.Simulator.Publishing;

/// <summary>
/// One MQTT 5 connection of the fleet publisher. A dropped connection is re-established by the next publish on it.
/// </summary>
internal sealed class MqttConnection(MqttClientOptions options, PublishCounters counters, TextWriter log) : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _connecting = new(1, 1);

    /// <summary>The first connection: a broker that is not there fails the run at once instead of retrying.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttCommunicationFailure($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message) => _client.PublishAsync(message, CancellationToken.None);

    public async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            while (!_client.IsConnected)
            {
                try
                {
                    await _client.ConnectAsync(options, cancellationToken);
                    counters.Reconnected();
                    await log.WriteLineAsync($"simulator: {options.ClientId} reconnected to the broker");
                }
                catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or TimeoutException)
                {
                    await log.WriteLineAsync($"simulator: {options.ClientId} lost its connection, retrying in {ReconnectDelay.TotalSeconds:0} s ({ex.Message})");
                    await Task.Delay(ReconnectDelay, cancellationToken);
                }
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
            {
                // Leaving anyway.
            }
        }

        _client.Dispose();
        _connecting.Dispose();
    }
}
