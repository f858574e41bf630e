using MeterGrains.Gateway.Devices;

namespace MeterGrains.Api.Devices;

/// <summary>
/// A device with the MQTT credentials just issued to it. The password is shown this once: only its salted hash is
/// stored, so a lost password can only be replaced (<c>POST /api/v1/devices/{deviceId}/credentials</c>).
/// </summary>
/// <param name="Device">The device.</param>
/// <param name="Username">The MQTT user name (the device id).</param>
/// <param name="Password">The MQTT password.</param>
public sealed record DeviceCredentialsResponse(DeviceResponse Device, string Username, string Password)
{
    public static DeviceCredentialsResponse From(IssuedCredentials issued) =>
        new(DeviceResponse.From(issued.Device), issued.Username, issued.Password);
}
