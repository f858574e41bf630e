namespace MeterGrains.Gateway.Devices;

/// <summary>The outcome of checking a device's MQTT credentials.</summary>
/// <param name="Grant">What the device may do, when the credentials are valid.</param>
/// <param name="Failure">Otherwise why not, for the audit (never echoes the password).</param>
/// <param name="StoreUnavailable">True when the registry could not be read, so the device may try again later.</param>
public sealed record DeviceAuthentication(DeviceGrant? Grant, string? Failure, bool StoreUnavailable = false)
{
    [MemberNotNullWhen(true, nameof(Grant))]
    public bool Succeeded => Grant is not null;

    public static DeviceAuthentication Refused(string failure) => new(null, failure);
}
