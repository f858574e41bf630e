using Microsoft.Extensions.Logging;

namespace MeterGrains.Meters;

internal static partial class MeterLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Meter {MeterId} wrote its snapshot after {Changes} changes")]
    public static partial void SnapshotWritten(ILogger logger, string meterId, int changes);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Meter {MeterId} replayed {Count} stored readings missing from its snapshot, through ingest id {IngestId}")]
    public static partial void Replayed(ILogger logger, string meterId, int count, long ingestId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Alert {Kind} for {Subject} at {Ts:O}")]
    public static partial void AlertRaised(ILogger logger, string kind, string subject, DateTimeOffset ts);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Alert {Kind} for {Subject} could not be stored; it is retried on the next tick")]
    public static partial void AlertNotStored(ILogger logger, Exception exception, string kind, string subject);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "The watch could not call meter {MeterId}")]
    public static partial void TickNotSent(ILogger logger, Exception exception, string meterId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Meter {MeterId}: its device reported itself online={Online} at {At:O}")]
    public static partial void DeviceReported(ILogger logger, string meterId, bool online, DateTimeOffset at);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Meter {MeterId} could not write its {StateName} state; the caller gets the error, and the stored readings replay what the snapshot lacks")]
    public static partial void StateNotWritten(ILogger logger, Exception exception, string meterId, string stateName);
}
