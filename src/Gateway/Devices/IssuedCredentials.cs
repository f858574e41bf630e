namespace MeterGrains.Gateway.Devices;

/// <summary>MQTT credentials just issued to a device: the only moment the password exists outside the device.</summary>
/// <param name="Device">The device as stored.</param>
/// <param name="Username">The MQTT user name: the device id.</param>
/// <param name="Password">The generated password, shown once.</param>
public sealed record IssuedCredentials(RegisteredDevice Device, string Username, string Password);
