namespace MeterGrains.Api.Audit;

/// <summary>An audit entry as stored and served by <c>GET /api/v1/audit</c>.</summary>
public sealed record StoredAuditEntry(
    long Id, DateTimeOffset At, string? Actor, string? Role, string ClientIp, string Method, string Path, int Status, string? Note);
