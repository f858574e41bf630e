namespace MeterGrains.Gateways;

/// <summary>A gateway as the registry sees it: its last heartbeat, and whether it is still heard from.</summary>
/// <param name="Heartbeat">The last heartbeat received.</param>
/// <param name="LastSeenAt">When the registry received it.</param>
/// <param name="Online">True while the gateway missed fewer than <see cref="GatewayRegistryRules.MissedHeartbeatsBeforeOffline"/> heartbeats.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.GatewayStatus")]
public sealed record GatewayStatus(
    [property: Id(0)] GatewayHeartbeat Heartbeat,
    [property: Id(1)] DateTimeOffset LastSeenAt,
    [property: Id(2)] bool Online);
