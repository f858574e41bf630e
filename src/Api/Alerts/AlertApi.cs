using MeterGrains.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Alerts;

/// <summary>The stored alerts, <c>GET /api/v1/alerts?subject=&amp;kind=&amp;from=&amp;to=&amp;limit=</c>, oldest first.</summary>
public static class AlertApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Without <c>from</c>, the last day.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapAlertApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/alerts").WithTags("Alerts");
        group.MapGet("/", GetAlertsAsync).WithName("GetAlerts");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<Alert>>, ProblemHttpResult>> GetAlertsAsync(
        IGrainFactory grains, TimeProvider clock, string? subject = null, string? kind = null, string? from = null, string? to = null, string? limit = null)
    {
        // An alert's ts may lie a little ahead (a meter's clock): "now" plus a minute still counts as now.
        if (RangeQuery.Parse(from, to, limit, clock.GetUtcNow().AddMinutes(1), DefaultRange, DefaultLimit, MaxLimit, out var problem) is not { } range)
        {
            return Problems.BadRequest(problem!);
        }

        var query = new AlertQuery(subject, kind, range.From, range.To, range.Limit);
        return TypedResults.Ok(await grains.GetGrain<IAlertLogGrain>(0).GetAsync(query));
    }
}
