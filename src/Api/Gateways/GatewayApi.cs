using MeterGrains.Gateways;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Gateways;

/// <summary><c>GET /api/v1/gateways</c>: where meters connect, with each gateway's status (the gateway registry).</summary>
public static class GatewayApi
{
    public static RouteGroupBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/gateways").WithTags("Gateways");
        group.MapGet("/", GetGatewaysAsync).WithName("GetGateways");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<GatewayResponse>>> GetGatewaysAsync(IGrainFactory grains)
    {
        var all = await grains.GetGrain<IGatewayRegistryGrain>(0).GetAllAsync();
        return TypedResults.Ok<IReadOnlyList<GatewayResponse>>([.. all.Select(GatewayResponse.From)]);
    }
}
