using MeterGrains.Simulator.Formats;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Simulator.Publishing;

/// <summary>
/// Publishes the fleet's messages over <see cref="SimulatorSettings.Connections"/> MQTT 5 connections (meter k on
/// connection k mod C, as real devices each have their own) with many publishes in flight: a publish is started and
/// not awaited, and one semaphore across the connections bounds how many await their acknowledgement (QoS 1) or their
/// write (QoS 0). Publishes that failed with a dropped connection are counted, not retried.
/// </summary>
internal sealed class MqttFleetPublisher : IAsyncDisposable
{
    private const int ConnectConcurrency = 16;

    private readonly MqttConnection[] _connections;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly int _maxInFlight;
    private readonly SemaphoreSlim _inFlight;
    private readonly PublishCounters _counters;

    public MqttFleetPublisher(SimulatorSettings settings, PublishCounters counters, TextWriter log)
    {
        _connections = [.. Enumerable.Range(0, settings.Connections).Select(i => new MqttConnection(Options(settings, i), counters, log))];
        _qos = settings.Qos == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
        _maxInFlight = settings.MaxInFlight;
        _inFlight = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        _counters = counters;
    }

    /// <summary>The first connections: a broker that is not there fails the run at once instead of retrying.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            _connections,
            new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            async (connection, ct) => await connection.ConnectAsync(ct));

    /// <summary>
    /// Starts publishing <paramref name="message"/> on the connection of meter <paramref name="meterIndex"/> (or, for a
    /// message of no one meter, of its topic); waits only while the in-flight window is full or that connection is down.
    /// </summary>
    public async ValueTask PublishAsync(OutgoingMessage message, int? meterIndex, CancellationToken cancellationToken)
    {
        var connection = _connections[(int)((uint)(meterIndex ?? StableHash(message.Topic)) % (uint)_connections.Length)];
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await connection.EnsureConnectedAsync(cancellationToken);
        }
        catch
        {
            _inFlight.Release();
            throw;
        }

        _counters.Sent(message.Readings);
        _ = CompleteAsync(connection, new MqttApplicationMessageBuilder()
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
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _inFlight.Dispose();
    }

    private static MqttClientOptions Options(SimulatorSettings settings, int index)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(settings.Connections == 1 ? $"metergrains-simulator-{Environment.ProcessId}" : $"metergrains-simulator-{Environment.ProcessId}-{index}")
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.Username is not null)
        {
            options = options.WithCredentials(settings.Username, settings.Password);
        }

        return options.Build();
    }

    /// <summary>FNV-1a of the topic: the same connection for the same topic in every run.</summary>
    private static int StableHash(string topic)
    {
        var hash = 2166136261u;
        foreach (var c in topic)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }

    private async Task CompleteAsync(MqttConnection connection, MqttApplicationMessage message)
    {
        try
        {
            var result = await connection.PublishAsync(message);
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
}
