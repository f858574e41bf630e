using MeterGrains.Api.Alerts;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Commands;
using MeterGrains.Api.DeadLetters;
using MeterGrains.Api.Devices;
using MeterGrains.Api.Gateways;
using MeterGrains.Api.Households;
using MeterGrains.Api.Imports;
using MeterGrains.Api.Meters;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Mqtt;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>
    /// Adds the services of the API role: API-key authentication and roles, problem details, JSON instants in UTC with
    /// <c>Z</c>, readings over HTTP (with the gateway's payload limit <c>Mqtt:MaxPayloadBytes</c> and its dead-letter
    /// seam), gRPC, and the live hub.
    /// </summary>
    public static IServiceCollection AddMeterGrainsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Operator, p => p.RequireRole(ApiRoles.Operator))
            .AddPolicy(ApiPolicies.OperatorOrResident, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Resident));

        // The HTTP ingest shares the gateway's payload limit and dead letters, also on a silo without the gateway role.
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName);
        services.TryAddSingleton<IDeadLetterSink, LoggingDeadLetterSink>();
        services.TryAddSingleton<HttpReadingIngest>();

        services.AddGrpc();
        services.AddGrpcHealthChecks();
        services.AddLiveHub();
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

    /// <summary>Maps the REST endpoints, gRPC services and the live hub of the API role.</summary>
    public static IEndpointRouteBuilder MapMeterGrainsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeterApi().RequireAuthorization(ApiPolicies.OperatorOrResident);
        endpoints.MapHouseholdApi().RequireAuthorization(ApiPolicies.OperatorOrResident);
        endpoints.MapAlertApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapDeadLetterApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapGatewayApi().RequireAuthorization();
        endpoints.MapDeviceApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapCommandApi().RequireAuthorization(ApiPolicies.Operator);
        // Imports write history that billing and analytics read: operators only (see README, "CSV import").
        endpoints.MapImportApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapLiveHub();
        return endpoints;
    }
}
