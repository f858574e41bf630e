using MeterGrains.Live;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Api.Live;

/// <summary>Source-generated log messages of the live hub.</summary>
internal static partial class LiveLog
{
    [LoggerMessage(1600, LogLevel.Warning, "Live push {What} failed")]
    public static partial void SendFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(1601, LogLevel.Warning, "Watching {Topic} failed; retried at the next renewal")]
    public static partial void WatchFailed(ILogger logger, LiveTopic topic, Exception exception);

    [LoggerMessage(1602, LogLevel.Debug, "Renewed {Count} live registrations")]
    public static partial void Renewed(ILogger logger, int count);
}
