using Microsoft.Extensions.Logging;

namespace MeterGrains.Meters;

internal static partial class MeterLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Meter {MeterId} wrote its snapshot after {Changes} changes")]
    public static partial void SnapshotWritten(ILogger logger, string meterId, int changes);
}
