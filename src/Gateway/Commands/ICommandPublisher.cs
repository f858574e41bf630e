namespace MeterGrains.Gateway.Commands;

/// <summary>Publishes a command message to devices: the embedded broker, or the connection to an external broker.</summary>
public interface ICommandPublisher
{
    /// <summary>True when this publisher can publish now (its broker runs or its connection is up).</summary>
    bool IsAvailable { get; }

    /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> with QoS 1.</summary>
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);
}
