using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.DeadLetters;

internal static partial class DeadLetterLog
{
    [LoggerMessage(1200, LogLevel.Debug, "Dead letter ({Stage}) meter {MeterId} topic {Topic}: {Reason}")]
    public static partial void Queued(this ILogger logger, string stage, string? meterId, string? topic, string reason);

    [LoggerMessage(1201, LogLevel.Error,
        "Dead-letter queue full ({Capacity}): dead letter ({Stage}) meter {MeterId} topic {Topic} not stored: {Reason}; {Dropped} dropped so far")]
    public static partial void Dropped(this ILogger logger, int capacity, string stage, string? meterId, string? topic, string reason, long dropped);

    [LoggerMessage(1202, LogLevel.Warning, "Writing {Count} dead letters failed; retrying in {Delay}")]
    public static partial void WriteFailed(this ILogger logger, int count, TimeSpan delay, Exception exception);

    [LoggerMessage(1203, LogLevel.Error, "{Count} dead letters were still queued when the store stopped; they are lost")]
    public static partial void LostAtStop(this ILogger logger, int count);
}
