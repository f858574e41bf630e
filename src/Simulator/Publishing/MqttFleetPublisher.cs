using MeterGrains.Simulator.Formats;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Simulator.Publishing;

/// <summary>
/// Publishes the fleet's messages over one MQTT 5 connection with many publishes in flight: a publish is started and
/// not awaited, and a semaphore bounds how many await their acknowledgement (QoS 1) or their write (QoS 0). A dropped
/// connection is re-established by the next publish; publishes that failed with it are counted, not retried.
/// </summary>
internal sealed class MqttFleetPublisher : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly int _maxInFlight;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly PublishCounters _counters;
    private readonly TextWriter _log;

    public MqttFleetPublisher(SimulatorSettings settings, PublishCounters counters, TextWriter log)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"metergrains-simulator-{Environment.ProcessId}")
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.Username is not null)
        {
            options = options.WithCredentials(settings.Username, settings.Password);
        }

        _options = options.Build();
        _qos = settings.Qos == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
        _maxInFlight = settings.MaxInFlight;
        _inFlight = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        (_counters, _log) = (counters, log);
    }

    /// <summary>The first connection: a broker that is not there fails the run at once instead of retrying.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttCommunicationFailure($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }
    }

    /// <summary>Starts publishing <paramref name="message"/>; waits only while the in-flight window is full or the connection is down.</summary>
    public async ValueTask PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await EnsureConnectedAsync(cancellationToken);
        }
        catch
        {
            _inFlight.Release();
            throw;
        }

        _counters.Sent(message.Readings);
        _ = CompleteAsync(new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(_qos)
            .Build());
    }

    /// <summary>Waits until every publish has completed, at most <paramref name="timeout"/>; false if some are still open.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var acquired = 0;
        try
        {
            for (; acquired < _maxInFlight; acquired++)
            {
                await _inFlight.WaitAsync(deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            if (acquired > 0)
            {
                _inFlight.Release(acquired);
            }
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
        _inFlight.Dispose();
        _connecting.Dispose();
    }

    private async Task CompleteAsync(MqttApplicationMessage message)
    {
        try
        {
            var result = await _client.PublishAsync(message, CancellationToken.None);
            if (result.IsSuccess)
            {
                _counters.Acknowledged();
            }
            else
            {
                _counters.Failure();
            }
        }
#pragma warning disable CA1031 // Whatever went wrong, the message counts as failed; the run goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
            _counters.Failure();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
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
                    await _client.ConnectAsync(_options, cancellationToken);
                    _counters.Reconnected();
                    await _log.WriteLineAsync("simulator: reconnected to the broker");
                }
                catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or TimeoutException)
                {
                    await _log.WriteLineAsync($"simulator: connection lost, retrying in {ReconnectDelay.TotalSeconds:0} s ({ex.Message})");
                    await Task.Delay(ReconnectDelay, cancellationToken);
                }
            }
        }
        finally
        {
            _connecting.Release();
        }
    }
}
