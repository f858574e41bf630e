using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Audit;

/// <summary>The audit log, <c>GET /api/v1/audit?from=&amp;to=&amp;limit=</c> (operators), oldest first.</summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Without <c>from</c>, the last day.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", GetAuditAsync).WithName("GetAudit");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<StoredAuditEntry>>, ProblemHttpResult>> GetAuditAsync(
        IAuditReader audit, TimeProvider clock, CancellationToken cancellationToken, string? from = null, string? to = null, string? limit = null)
    {
        if (RangeQuery.Parse(from, to, limit, clock.GetUtcNow().AddSeconds(1), DefaultRange, DefaultLimit, MaxLimit, out var problem) is not { } range)
        {
            return Problems.BadRequest(problem!);
        }

        return TypedResults.Ok(await audit.ReadAsync(range.From, range.To, range.Limit, cancellationToken));
    }
}
