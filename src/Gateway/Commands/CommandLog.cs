using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Commands;

/// <summary>Source-generated log messages of commands to devices.</summary>
internal static partial class CommandLog
{
    [LoggerMessage(1700, LogLevel.Information, "Command {CommandId} for meter {MeterId} (device {DeviceId}) accepted: {Topic}")]
    public static partial void CommandAccepted(this ILogger logger, string commandId, string meterId, string deviceId, string topic);

    [LoggerMessage(1701, LogLevel.Warning, "Command {CommandId} could not be published on {Topic}: {Reason}")]
    public static partial void PublishFailed(this ILogger logger, string commandId, string topic, string reason);

    [LoggerMessage(1702, LogLevel.Error, "Commands could not be claimed or published")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1703, LogLevel.Warning, "Command reply {ReplyKey} dropped: the reply queue is full")]
    public static partial void ReplyDropped(this ILogger logger, string replyKey);

    [LoggerMessage(1704, LogLevel.Error, "Command reply {ReplyKey} could not be recorded")]
    public static partial void ReplyFailed(this ILogger logger, string replyKey, Exception exception);

    [LoggerMessage(1705, LogLevel.Debug, "Command reply {ReplyKey} completed {Count} commands")]
    public static partial void ReplyRecorded(this ILogger logger, string replyKey, int count);
}
