using System.Globalization;
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
        IGrainFactory grains, TimeProvider clock, string? subject = null, string? kind = null, string? from = null, string? to = null, int? limit = null)
    {
        var now = clock.GetUtcNow();
        if (!TryParseInstant(to, now, out var until))
        {
            return Problems.BadRequest($"'to' must be an ISO-8601 instant such as 2026-11-22T10:15:00Z; got '{to}'.");
        }

        if (!TryParseInstant(from, until - DefaultRange, out var since))
        {
            return Problems.BadRequest($"'from' must be an ISO-8601 instant such as 2026-11-22T10:15:00Z; got '{from}'.");
        }

        if (since >= until)
        {
            return Problems.BadRequest($"'from' ({since:O}) must be before 'to' ({until:O}).");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"'limit' must be between 1 and {MaxLimit}; got {limit}.");
        }

        var query = new AlertQuery(subject, kind, since, until, limit ?? DefaultLimit);
        return TypedResults.Ok(await grains.GetGrain<IAlertLogGrain>(0).GetAsync(query));
    }

    private static bool TryParseInstant(string? text, DateTimeOffset fallback, out DateTimeOffset instant)
    {
        if (string.IsNullOrEmpty(text))
        {
            instant = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }
}
