using MeterGrains.Api.Alerts;
using MeterGrains.Api.Households;
using MeterGrains.Api.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeterGrains.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>Adds the services of the API role: problem details and gRPC.</summary>
    public static IServiceCollection AddMeterGrainsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        return services;
    }

    /// <summary>Maps the REST endpoints and gRPC services of the API role.</summary>
    public static IEndpointRouteBuilder MapMeterGrainsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeterApi();
        endpoints.MapHouseholdApi();
        endpoints.MapAlertApi();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
