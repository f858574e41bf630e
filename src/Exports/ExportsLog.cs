using Microsoft.Extensions.Logging;

namespace MeterGrains.Exports;

internal static partial class ExportsLog
{
    [LoggerMessage(EventId = 2700, Level = LogLevel.Information, Message = "Exported {Kind} of {Day} as {Format}: {Rows} rows, {Bytes} bytes in {ElapsedMs} ms to {Path}")]
    public static partial void Exported(ILogger logger, string kind, DateOnly day, string format, long rows, long bytes, long elapsedMs, string path);

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Day {Day} is being exported or swept by another session; skipped here")]
    public static partial void DayBusy(ILogger logger, DateOnly day);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Error, Message = "Exporting {Day} failed; the next run tries again")]
    public static partial void ExportFailed(ILogger logger, DateOnly day, Exception exception);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Information, Message = "Dropped the raw readings partition of {Day} ({Rows} rows, exported)")]
    public static partial void PartitionDropped(ILogger logger, DateOnly day, long rows);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Warning, Message = "Kept the raw readings partition of {Day} past retention: {Reason}")]
    public static partial void PartitionKept(ILogger logger, DateOnly day, string reason);

    [LoggerMessage(EventId = 2705, Level = LogLevel.Error, Message = "The export and retention run failed; the next run tries again")]
    public static partial void RunFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2706, Level = LogLevel.Information, Message = "Exports: {Enabled}, directory {Directory}, format {Format}, daily at {TimeOfDay} UTC; raw readings kept {RetentionDays} days (0: forever)")]
    public static partial void Scheduled(ILogger logger, bool enabled, string? directory, string format, TimeSpan timeOfDay, int retentionDays);
}
