namespace MeterGrains.Meters;

/// <summary>
/// What a meter's device said about itself over MQTT (Shelly <c>online</c> topic: <c>true</c> on connect, <c>false</c>
/// as its retained last will), as the gateway received it.
/// </summary>
/// <param name="Online">True when the device reported itself online, false when offline.</param>
/// <param name="At">When the gateway received the report.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.DevicePresence")]
public sealed record DevicePresence(
    [property: Id(0)] bool Online,
    [property: Id(1)] DateTimeOffset At);
