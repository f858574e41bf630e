using MeterGrains.Meters;

namespace MeterGrains.Gateway.Devices;

/// <summary>What a device registration must satisfy so that its topics and meter ids stay its own.</summary>
public static class DeviceRules
{
    /// <summary>Most meters one generic device may publish for.</summary>
    public const int MaxMeters = 64;

    /// <summary>
    /// A Shelly device's meters are <c>{deviceId}</c> and <c>{deviceId}:{channel}</c>, so its id leaves room for
    /// <c>:N</c> within <see cref="MeterIds.MaxLength"/>.
    /// </summary>
    public const int MaxShellyDeviceIdLength = MeterIds.MaxLength - 2;

    // A Gen2 device owns "{deviceId}/#": these ids would hand it every generic meter or every Gen1 device.
    private static readonly string[] ReservedTopicRoots = ["meters", "shellies"];

    /// <summary>Why the registration is refused, or null when it is acceptable.</summary>
    public static string? Explain(string? deviceId, DeviceFamily family, IReadOnlyList<string?> meters)
    {
        if (MeterIds.Explain(deviceId) is { } invalid)
        {
            return invalid.Replace("meterId", "deviceId", StringComparison.Ordinal);
        }

        if (family == DeviceFamily.Generic)
        {
            if (meters.Count == 0)
            {
                return "meters: a generic device needs at least one meter id it may publish for";
            }

            if (meters.Count > MaxMeters)
            {
                return $"meters: at most {MaxMeters} meters per device (got {meters.Count})";
            }

            foreach (var meter in meters)
            {
                if (MeterIds.Explain(meter) is { } badMeter)
                {
                    return $"meters: {badMeter} ('{meter}')";
                }
            }

            return meters.Distinct(StringComparer.Ordinal).Count() == meters.Count ? null : "meters: a meter id is listed twice";
        }

        if (meters.Count > 0)
        {
            return "meters: a Shelly device's meters follow from its device id; leave meters out";
        }

        if (deviceId!.Length > MaxShellyDeviceIdLength)
        {
            return $"deviceId of a Shelly device may have at most {MaxShellyDeviceIdLength} characters, so that '{{deviceId}}:N' is a meter id";
        }

        return family == DeviceFamily.ShellyGen2 && ReservedTopicRoots.Contains(deviceId, StringComparer.OrdinalIgnoreCase)
            ? $"deviceId '{deviceId}' is reserved: a Shelly Gen2 device owns the topics under its id"
            : null;
    }

    /// <summary>
    /// The ids a Shelly device owning <paramref name="meterId"/> may have: the meter id itself, and the meter id without
    /// a <c>:N</c> channel suffix (N a non-negative integer).
    /// </summary>
    public static IEnumerable<string> ShellyDeviceCandidates(string meterId)
    {
        ArgumentNullException.ThrowIfNull(meterId);
        yield return meterId;
        var colon = meterId.LastIndexOf(':');
        if (colon > 0 && colon < meterId.Length - 1 && meterId.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            yield return meterId[..colon];
        }
    }
}
