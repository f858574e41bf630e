namespace MeterGrains.Gateway.Devices;

/// <summary>A device in the registry (table <c>devices</c>, migration 0008).</summary>
/// <param name="DeviceId">The device id, also its MQTT user name.</param>
/// <param name="Family">Its payload family.</param>
/// <param name="Meters">The meters a generic device may publish for (empty for Shelly devices), sorted.</param>
/// <param name="Password">The stored hash of its MQTT password; the password itself is never stored.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="CredentialsIssuedAt">When its current password was issued.</param>
public sealed record RegisteredDevice(
    string DeviceId,
    DeviceFamily Family,
    IReadOnlyList<string> Meters,
    PasswordHash Password,
    DateTimeOffset CreatedAt,
    DateTimeOffset CredentialsIssuedAt)
{
    /// <summary>What the device may do on the broker.</summary>
    public DeviceGrant ToGrant() => DeviceGrant.For(DeviceId, Family, Meters);
}
