namespace MeterGrains.Gateway.Devices;

/// <summary>The payload family a device speaks, which fixes the topics it owns (interfaces.md, "MQTT: what meters publish").</summary>
public enum DeviceFamily
{
    /// <summary>Generic JSON on <c>meters/{meterId}/…</c> for each of the device's meters.</summary>
    Generic,

    /// <summary>Shelly Gen1 (EM, 3EM) on <c>shellies/{deviceId}/…</c>.</summary>
    ShellyGen1,

    /// <summary>Shelly Gen2+ (Pro EM, Pro 3EM, EM Gen3) on <c>{deviceId}/…</c> (topic prefix = device id).</summary>
    ShellyGen2,
}
