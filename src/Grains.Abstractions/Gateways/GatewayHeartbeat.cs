namespace MeterGrains.Gateways;

/// <summary>What a gateway silo tells the registry about itself, every heartbeat.</summary>
/// <param name="GatewayId">Stable for the life of the process (host name plus process start).</param>
/// <param name="Host">The host name meters and clients reach this gateway at.</param>
/// <param name="Endpoints">Where meters connect, e.g. <c>mqtt://gw-1.example:1883</c>; empty when the embedded broker is off.</param>
/// <param name="Topics">The topic filters this gateway ingests.</param>
/// <param name="StartedAt">When the gateway started.</param>
/// <param name="SentAt">When this heartbeat was sent.</param>
/// <param name="HeartbeatInterval">How often the gateway sends one; the registry judges silence by it.</param>
/// <param name="MessagesReceived">MQTT messages handed to a decoder since start.</param>
/// <param name="ReadingsAccepted">Readings the meter grains accepted since start.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.GatewayHeartbeat")]
public sealed record GatewayHeartbeat(
    [property: Id(0)] string GatewayId,
    [property: Id(1)] string Host,
    [property: Id(2)] IReadOnlyList<string> Endpoints,
    [property: Id(3)] IReadOnlyList<string> Topics,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] TimeSpan HeartbeatInterval,
    [property: Id(7)] long MessagesReceived,
    [property: Id(8)] long ReadingsAccepted);
