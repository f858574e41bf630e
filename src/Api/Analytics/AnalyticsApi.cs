using System.Security.Claims;
using System.Text.Json;
using MeterGrains.Analytics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Analytics;

/// <summary>
/// Processing results (operators and processing apps): <c>POST /api/v1/analytics/results</c> stores one and pushes it as
/// <c>alert</c> to the dashboards of its subject; <c>GET /api/v1/analytics/results?subject=&amp;kind=&amp;from=&amp;to=&amp;limit=</c>
/// lists them. Processing apps name and see subjects by pseudonym.
/// </summary>
public static class AnalyticsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Without <c>to</c>, results up to a week ahead (forecasts look forward).</summary>
    public static readonly TimeSpan DefaultAhead = TimeSpan.FromDays(7);

    /// <summary>Without <c>from</c>, two weeks before <c>to</c>: the past week and the week ahead.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(14);

    public static RouteGroupBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/analytics").WithTags("Analytics");
        group.MapPost("/results", PostResultAsync).WithName("PostAnalyticsResult");
        group.MapGet("/results", GetResultsAsync).WithName("GetAnalyticsResults");
        return group;
    }

    /// <summary>201 with the stored result; 400 for a bad field, 404 for an unknown subject, 413 for a payload over 64 KiB.</summary>
    public static async Task<Results<Created<AnalyticsResultResponse>, ProblemHttpResult>> PostResultAsync(
        AnalyticsResultRequest request, AnalyticsPublisher publisher, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Instants.TryParse("from", request.From, out var from, out var problem) || !Instants.TryParse("to", request.To, out var to, out problem))
        {
            return Problems.BadRequest(problem);
        }

        var payload = request.Payload is { ValueKind: not JsonValueKind.Null } json ? json.GetRawText() : null;
        var input = new AnalyticsInput(request.Kind, request.Subject, from, to, payload, request.Severity);
        var publication = await publisher.PublishAsync(caller, input, cancellationToken);
        return publication.Refusal switch
        {
            AnalyticsRefusal.None => TypedResults.Created((string?)null, publication.Result),
            AnalyticsRefusal.TooLarge => Problems.TooLarge(publication.Problem!),
            AnalyticsRefusal.UnknownSubject => Problems.NotFound(publication.Problem!),
            _ => Problems.BadRequest(publication.Problem!),
        };
    }

    /// <summary>
    /// The stored results whose period overlaps <c>[from, to)</c>, by the start of their period; <c>subject</c> and
    /// <c>kind</c> narrow them. 404 when a processing app names a pseudonym that was never issued.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<AnalyticsResultResponse>>, ProblemHttpResult>> GetResultsAsync(
        IGrainFactory grains, AnalyticsSubjects subjects, AnalyticsPublisher publisher, TimeProvider clock, ClaimsPrincipal caller,
        CancellationToken cancellationToken,
        string? subject = null, string? kind = null, string? from = null, string? to = null, string? limit = null)
    {
        if (RangeQuery.Parse(from, to, limit, clock.GetUtcNow() + DefaultAhead, DefaultRange, DefaultLimit, MaxLimit, out var problem) is not { } range)
        {
            return Problems.BadRequest(problem!);
        }

        string? subjectId = null;
        if (!string.IsNullOrEmpty(subject) && (subjectId = await subjects.FilterIdAsync(caller, subject, cancellationToken)) is null)
        {
            return Problems.UnknownPseudonym(subject);
        }

        var results = await grains.GetGrain<IAnalyticsResultsGrain>(0).GetAsync(
            new AnalyticsResultQuery(subjectId, string.IsNullOrEmpty(kind) ? null : kind, range.From, range.To, range.Limit));
        var shown = new List<AnalyticsResultResponse>(results.Count);
        foreach (var result in results)
        {
            shown.Add(await publisher.ShowAsync(caller, result, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<AnalyticsResultResponse>>(shown);
    }
}
