namespace MeterGrains.Gateway.Devices;

/// <summary>Whether a device's message is within its limits; if not, why, and whether this refusal is to be audited.</summary>
/// <param name="Refusal">Why the message is refused; null when it is allowed.</param>
/// <param name="Audit">True for the first refusal of a device in each second: a flood leaves one dead letter per second, not one per message.</param>
public readonly record struct DeviceLimitVerdict(string? Refusal, bool Audit)
{
    public static DeviceLimitVerdict Allowed => default;
}
