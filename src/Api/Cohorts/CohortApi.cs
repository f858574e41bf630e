using MeterGrains.Api.Energy;
using MeterGrains.Energy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Cohorts;

/// <summary>
/// <c>GET /api/v1/cohorts/energy?type=&amp;occupants=&amp;from=&amp;to=&amp;interval=1d</c>: average energy per household
/// and per person of the households of a type and occupant count, in UTC buckets, suppressed below k households.
/// Aggregates only, so operators and processing apps; residents are refused.
/// </summary>
public static class CohortApi
{
    /// <summary>Cohort buckets are UTC days, hours or quarter-hours: households of many time zones share them.</summary>
    private const string BucketTimeZone = "UTC";

    public static RouteGroupBuilder MapCohortApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/cohorts").WithTags("Cohorts");
        group.MapGet("/energy", GetEnergyAsync).WithName("GetCohortEnergy");
        return group;
    }

    /// <summary>
    /// Every bucket of <c>[from, to)</c> (<c>interval</c> <c>1d</c> by default; UTC-aligned), oldest first; 400 for a bad
    /// parameter.
    /// </summary>
    public static async Task<Results<Ok<CohortEnergyResponse>, ProblemHttpResult>> GetEnergyAsync(
        CohortEnergyReader reader, IOptions<CohortOptions> options, TimeProvider clock, CancellationToken cancellationToken,
        string? type = null, string? occupants = null, string? from = null, string? to = null, string? interval = null)
    {
        if (CohortFilter.Parse(type, occupants, out var invalid) is not { } filter)
        {
            return Problems.BadRequest(invalid!);
        }

        var query = EnergyQueryParser.Parse(
            from, to, string.IsNullOrEmpty(interval) ? "1d" : interval, BucketTimeZone, clock.GetUtcNow(), out var problem);
        if (query is null)
        {
            return Problems.BadRequest(problem!);
        }

        var size = query.Interval switch
        {
            EnergyInterval.QuarterHour => TimeSpan.FromMinutes(15),
            EnergyInterval.Hour => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        };
        var totals = (await reader.ReadAsync(filter, query.From, query.To, size, cancellationToken)).ToDictionary(t => t.Start);

        var k = options.Value.MinHouseholds;
        var buckets = new List<CohortEnergyBucket>();
        for (var start = query.From; start < query.To; start += size)
        {
            buckets.Add(totals.TryGetValue(start, out var t) && t.Households >= k
                ? new CohortEnergyBucket(start, start + size, false, t.Households, t.ImportWh, t.ExportWh, t.ProductionWh, t.ConsumptionWh, t.ConsumptionWhPerPerson)
                : new CohortEnergyBucket(start, start + size, true, null, null, null, null, null, null));
        }

        return TypedResults.Ok(new CohortEnergyResponse(filter.Type, filter.Occupants, EnergyIntervalNames.ToName(query.Interval), k, buckets));
    }
}
