using Microsoft.Extensions.Logging;

namespace MeterGrains.Api.Audit;

/// <summary>Source-generated log messages of the audit log.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(1520, LogLevel.Warning,
        "Audit queue full ({Capacity}): {Actor} from {ClientIp} {Method} {Path} → {Status} not stored; {Dropped} dropped so far")]
    public static partial void AuditDropped(this ILogger logger, int capacity, string? actor, string clientIp, string method, string path, int status, long dropped);

    [LoggerMessage(1521, LogLevel.Warning, "Writing {Count} audit entries failed; retrying in {Delay}")]
    public static partial void AuditWriteFailed(this ILogger logger, int count, TimeSpan delay, Exception exception);

    [LoggerMessage(1522, LogLevel.Error, "{Count} audit entries were still queued when the audit log stopped; they are lost")]
    public static partial void AuditLostAtStop(this ILogger logger, int count);
}
