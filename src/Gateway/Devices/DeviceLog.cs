using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Devices;

/// <summary>Source-generated log messages of the device registry and the broker's access control.</summary>
internal static partial class DeviceLog
{
    [LoggerMessage(1300, LogLevel.Information, "Device {DeviceId} registered ({Family}, {MeterCount} meters)")]
    public static partial void DeviceRegistered(this ILogger logger, string deviceId, string family, int meterCount);

    [LoggerMessage(1301, LogLevel.Information, "Device {DeviceId}: new MQTT password issued; its connections on this process were closed")]
    public static partial void CredentialsRotated(this ILogger logger, string deviceId);

    [LoggerMessage(1302, LogLevel.Information, "Device {DeviceId} revoked; its connections on this process were closed")]
    public static partial void DeviceRevoked(this ILogger logger, string deviceId);

    [LoggerMessage(1303, LogLevel.Error, "Device registry unavailable while authenticating {DeviceId}")]
    public static partial void RegistryUnavailable(this ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(1304, LogLevel.Warning, "MQTT {Action} refused: {Reason}")]
    public static partial void AccessRefused(this ILogger logger, string action, string reason);

    [LoggerMessage(1305, LogLevel.Error, "Could not audit a refused MQTT {Action}: {Reason}")]
    public static partial void AuditFailed(this ILogger logger, string action, string reason, Exception exception);
}
