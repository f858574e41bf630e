namespace MeterGrains.Gateway.Devices;

/// <summary>The wire names of <see cref="DeviceFamily"/>: <c>generic</c>, <c>shelly-gen1</c>, <c>shelly-gen2</c>.</summary>
public static class DeviceFamilyNames
{
    public const string Generic = "generic";
    public const string ShellyGen1 = "shelly-gen1";
    public const string ShellyGen2 = "shelly-gen2";

    /// <summary>The family named <paramref name="name"/>, or null for anything else (case matters, as in JSON).</summary>
    public static DeviceFamily? Parse(string? name) => name switch
    {
        Generic => DeviceFamily.Generic,
        ShellyGen1 => DeviceFamily.ShellyGen1,
        ShellyGen2 => DeviceFamily.ShellyGen2,
        _ => null,
    };

    public static string ToName(DeviceFamily family) => family switch
    {
        DeviceFamily.Generic => Generic,
        DeviceFamily.ShellyGen1 => ShellyGen1,
        DeviceFamily.ShellyGen2 => ShellyGen2,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown device family"),
    };
}
