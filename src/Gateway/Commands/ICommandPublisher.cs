namespace MeterGrains.Gateway.Commands;

/// <summary>Publishes a command message to devices: the embedded broker, or the connection to an external broker.</summary>
public interface ICommandPublisher
{
    /// <summary>True when this publisher can publish now (its broker runs or its connection is up).</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// True when a command published here reaches every device wherever it is connected (an external broker, shared by all
    /// gateways); false when it reaches only the devices <see cref="Reaches"/> names (an embedded broker: its own clients).
    /// </summary>
    bool ReachesEveryDevice { get; }

    /// <summary>True when a command for <paramref name="deviceId"/> published here reaches the device now.</summary>
    bool Reaches(string deviceId);

    /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> with QoS 1.</summary>
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);
}
