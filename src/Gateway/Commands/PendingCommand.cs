namespace MeterGrains.Gateway.Commands;

/// <summary>A command a gateway has claimed and now publishes, to the device <paramref name="DeviceId"/>.</summary>
public sealed record PendingCommand(string Id, string DeviceId, string Topic, string Payload);
