namespace MeterGrains.Gateway.Commands;

/// <summary>A command a gateway has claimed and now publishes.</summary>
public sealed record PendingCommand(string Id, string Topic, string Payload);
