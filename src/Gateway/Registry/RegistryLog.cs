using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Registry;

internal static partial class RegistryLog
{
    [LoggerMessage(1300, LogLevel.Warning, "Gateway heartbeat to the registry failed; retrying at the next tick")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(1301, LogLevel.Debug, "Gateway could not unregister at stop; the registry will see it go silent")]
    public static partial void UnregisterFailed(ILogger logger, Exception exception);
}
