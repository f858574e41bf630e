using System.Security.Claims;
using MeterGrains.Api.Auth;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Meters;

/// <summary>The meter endpoints of <c>/api/v1/meters</c>.</summary>
public static class MeterApi
{
    public static RouteGroupBuilder MapMeterApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/meters").WithTags("Meters");
        group.MapGet("/{meterId}", GetMeterAsync).WithName("GetMeter");
        return group;
    }

    public static async Task<Results<Ok<MeterResponse>, ProblemHttpResult>> GetMeterAsync(
        string meterId, IGrainFactory grains, ClaimsPrincipal caller)
    {
        if (MeterIds.Explain(meterId) is { } problem)
        {
            return (Problems.BadRequest(problem));
        }

        var state = await grains.GetGrain<IMeterGrain>(meterId).GetStateAsync();
        if (!caller.IsOperator() && !caller.MaySeeHousehold(state.HouseholdId))
        {
            return Problems.Forbidden($"Meter '{meterId}' is not in your household.");
        }

        return state.Exists
            ? TypedResults.Ok(MeterResponse.From(state))
            : (Problems.NotFound($"No reading of meter '{meterId}' has been received."));
    }
}
