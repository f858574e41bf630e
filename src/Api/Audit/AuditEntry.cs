namespace MeterGrains.Api.Audit;

/// <summary>One audited request: a write or a refusal.</summary>
/// <param name="At">When the request arrived.</param>
/// <param name="Actor"><c>ApiKey:&lt;key name&gt;</c> or <c>Bearer:&lt;sub&gt;</c>; null when not authenticated.</param>
/// <param name="Role">The caller's role, when authenticated.</param>
/// <param name="ClientIp">The client's address.</param>
/// <param name="Method">The HTTP method (<c>HUB</c> for a live-hub method).</param>
/// <param name="Path">The path, never the query string.</param>
/// <param name="Status">The answer's status (a gRPC refusal as 401 or 403).</param>
/// <param name="Note">Why credentials were refused, when they were.</param>
public sealed record AuditEntry(
    DateTimeOffset At, string? Actor, string? Role, string ClientIp, string Method, string Path, int Status, string? Note);
