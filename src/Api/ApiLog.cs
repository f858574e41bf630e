using Microsoft.Extensions.Logging;

namespace MeterGrains.Api;

/// <summary>Source-generated log messages of the API.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(1500, LogLevel.Error, "Dead letter of meter {MeterId} over HTTP could not be written: {Reason}")]
    public static partial void DeadLetterWriteFailed(this ILogger logger, string meterId, string reason, Exception exception);

    [LoggerMessage(1510, LogLevel.Debug, "Rate limit: {Method} {Path} from {Address} refused with 429, retry after {Seconds} s")]
    public static partial void RateLimited(this ILogger logger, string method, string path, string address, int seconds);

    [LoggerMessage(1501, LogLevel.Warning, "The dashboard is not built ({Directory} has no index.html); / and /dashboard/ are not served")]
    public static partial void DashboardNotBuilt(this ILogger logger, string directory);

    [LoggerMessage(1511, LogLevel.Information, "CSV import for {MeterId}: {Rows} rows, {Stored} stored, {Duplicates} already stored, {Rejected} rejected in {TotalMs:F1} ms")]
    public static partial void CsvImported(this ILogger logger, string meterId, long rows, long stored, long duplicates, long rejected, double totalMs);
}
