namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Per-device limits of the embedded broker (<c>Mqtt:DeviceLimits</c>): how fast and how large an authenticated device
/// may publish. Anonymous development clients (the simulator) are not limited.
/// </summary>
public sealed class DeviceLimitsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mqtt:DeviceLimits";

    /// <summary>
    /// Messages per second a device may publish on average (a token bucket refilled at this rate). Default 20: a Shelly
    /// Gen1 3EM sends about 15 values per second at its fastest. 0 turns the rate limit off.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>How many messages a device may publish at once above the rate (the bucket's size). Default 100.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Largest payload, in bytes, a device may publish. Default 16384 (16 KiB). <c>Mqtt:MaxPayloadBytes</c> still applies
    /// when it is smaller (the decoders reject a larger payload whole).
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 16384;
}
