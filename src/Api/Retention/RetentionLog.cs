using Microsoft.Extensions.Logging;

namespace MeterGrains.Api.Retention;

/// <summary>Source-generated log messages of the retention sweeps.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(1530, LogLevel.Information, "Deleted {Count} rows of {Table} older than {Cutoff:O} ({Key} {Days})")]
    public static partial void RowsDeleted(ILogger logger, long count, string table, DateTimeOffset cutoff, string key, int days);

    [LoggerMessage(1531, LogLevel.Warning, "Deleting rows of {Table} older than {Cutoff:O} failed; trying again in {Interval}")]
    public static partial void SweepFailed(ILogger logger, string table, DateTimeOffset cutoff, TimeSpan interval, Exception exception);
}
