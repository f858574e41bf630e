namespace MeterGrains.Gateway.Devices;

/// <summary>The outcome of adding a device to the store.</summary>
/// <param name="Added">True when the device was stored.</param>
/// <param name="Conflict">Otherwise why not: the device id exists, or a meter belongs to another device.</param>
public sealed record DeviceAddResult(bool Added, string? Conflict)
{
    public static DeviceAddResult Success { get; } = new(true, null);

    public static DeviceAddResult Refused(string conflict) => new(false, conflict);
}
