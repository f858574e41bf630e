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
}
