namespace MeterGrains.Gateway.Commands;

/// <summary>A command in the <c>device_commands</c> table (migration 0009).</summary>
public sealed record StoredCommand(
    string Id,
    string MeterId,
    string DeviceId,
    string Family,
    string Name,
    string Args,
    string Topic,
    string Payload,
    string Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? CompletedAt);
