using MeterGrains.Gateway.DeadLetters;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.DeadLetters;

/// <summary>
/// Rejected inputs with their reasons, <c>GET /api/v1/ingest/dead-letters?from=&amp;to=&amp;meterId=&amp;limit=</c>
/// (interfaces.md; operators), oldest first by receive time.
/// </summary>
public static class DeadLetterApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Without <c>from</c>, the last day.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapDeadLetterApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/ingest/dead-letters").WithTags("Ingest");
        group.MapGet("/", GetDeadLettersAsync).WithName("GetDeadLetters");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<StoredDeadLetter>>, ProblemHttpResult>> GetDeadLettersAsync(
        IDeadLetterReader store, TimeProvider clock, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? meterId = null, string? limit = null)
    {
        if (meterId is not null && MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (RangeQuery.Parse(from, to, limit, clock.GetUtcNow().AddSeconds(1), DefaultRange, DefaultLimit, MaxLimit, out var problem) is not { } range)
        {
            return Problems.BadRequest(problem!);
        }

        return TypedResults.Ok(await store.ReadAsync(new DeadLetterQuery(range.From, range.To, meterId, range.Limit), cancellationToken));
    }
}
