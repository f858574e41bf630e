using MeterGrains.Api.Alerts;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Households;
using MeterGrains.Api.Meters;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>Adds the services of the API role: API-key authentication, roles, problem details and gRPC.</summary>
    public static IServiceCollection AddMeterGrainsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Operator, p => p.RequireRole(ApiRoles.Operator))
            .AddPolicy(ApiPolicies.OperatorOrResident, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Resident));
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        return services;
    }

    /// <summary>
    /// Adds authentication and authorization to the pipeline. Call after the status-code pages, so that a refused
    /// caller gets problem details like every other error.
    /// </summary>
    public static IApplicationBuilder UseMeterGrainsApiSecurity(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps the REST endpoints and gRPC services of the API role.</summary>
    public static IEndpointRouteBuilder MapMeterGrainsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeterApi().RequireAuthorization(ApiPolicies.OperatorOrResident);
        endpoints.MapHouseholdApi().RequireAuthorization(ApiPolicies.OperatorOrResident);
        endpoints.MapAlertApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
