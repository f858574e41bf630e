using MeterGrains.Api.Alerts;
using MeterGrains.Api.Analytics;
using MeterGrains.Api.Audit;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Cohorts;
using MeterGrains.Api.Commands;
using MeterGrains.Api.DeadLetters;
using MeterGrains.Api.Devices;
using MeterGrains.Api.Exports;
using MeterGrains.Api.Gateways;
using MeterGrains.Api.Grpc;
using MeterGrains.Api.Households;
using MeterGrains.Api.Imports;
using MeterGrains.Api.Meters;
using MeterGrains.Api.OpenApi;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Mqtt;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>
    /// Adds the services of the API role: authentication (API keys, bearer JWTs) and roles, problem details, JSON instants in UTC with
    /// <c>Z</c>, readings over HTTP (with the gateway's payload limit <c>Mqtt:MaxPayloadBytes</c> and its dead-letter
    /// seam), rate and body limits, the audit log, the OpenAPI document (<c>/openapi/v1.json</c>), gRPC, and the live hub.
    /// </summary>
    public static IServiceCollection AddMeterGrainsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        services.TryAddSingleton(TimeProvider.System);

        services.AddMeterGrainsAuth();
        services.AddMeterGrainsReverseProxy();
        services.AddMeterGrainsLimits();
        services.AddMeterGrainsAudit();
        services.AddPseudonyms();
        services.AddMeterGrainsCohorts();
        services.TryAddSingleton<HouseholdDirectoryReader>();
        services.TryAddSingleton<AnalyticsSubjects>();
        services.TryAddSingleton<AnalyticsPublisher>();

        // The HTTP ingest shares the gateway's payload limit and dead letters, also on a silo without the gateway role.
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName);
        services.TryAddSingleton<IDeadLetterSink, LoggingDeadLetterSink>();
        services.TryAddSingleton<HttpReadingIngest>();
        services.AddHostedService<DeadLetterRetentionSweeper>();

        services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemesTransformer>());
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        services.AddLiveHub();
        return services;
    }

    /// <summary>
    /// Adds the forwarded headers of known proxies (first, so everything after sees the client's address), the audit
    /// log (outermost of the rest, so it sees every refusal), authentication, rate limits (which need to know the caller), authorization and the body limit (so that
    /// 401 and 403 come before 413) to the pipeline. Call after the status-code pages, so that a refused caller gets
    /// problem details like every other error.
    /// </summary>
    public static IApplicationBuilder UseMeterGrainsApiSecurity(this IApplicationBuilder app)
    {
        app.UseMeterGrainsForwardedHeaders();
        app.UseMeterGrainsAudit();
        app.UseAuthentication();
        app.UseMeterGrainsRateLimits();
        app.UseAuthorization();
        app.UseMeterGrainsBodyLimits();
        return app;
    }

    /// <summary>
    /// Maps the REST endpoints, the gRPC services (<c>metergrains.v1</c> from <c>proto/</c>, with the same API keys and
    /// roles: the authentication handler reads <c>x-api-key</c> metadata as a header) and the live hub of the API role.
    /// </summary>
    public static IEndpointRouteBuilder MapMeterGrainsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeterApi().RequireAuthorization(ApiPolicies.Reader);
        endpoints.MapHouseholdApi().RequireAuthorization(ApiPolicies.Reader);
        endpoints.MapAlertApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapAnalyticsApi().RequireAuthorization(ApiPolicies.OperatorOrProcessor);
        endpoints.MapCohortApi().RequireAuthorization(ApiPolicies.OperatorOrProcessor);
        endpoints.MapDeadLetterApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapGatewayApi().RequireAuthorization();
        endpoints.MapDeviceApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapCommandApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapAuditApi().RequireAuthorization(ApiPolicies.Operator);
        // Imports write history that billing and analytics read: operators only (see README, "CSV import").
        endpoints.MapImportApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapExportApi().RequireAuthorization(ApiPolicies.Operator);
        endpoints.MapGrpcService<MeterGrpcService>().RequireAuthorization(ApiPolicies.Reader);
        endpoints.MapGrpcService<AnalyticsGrpcService>().RequireAuthorization(ApiPolicies.OperatorOrProcessor);
        // Probes carry no credentials.
        endpoints.MapGrpcHealthChecksService().AllowAnonymous().DisableRateLimiting();
        endpoints.MapLiveHub();
        // The contract is public: clients read it before they have credentials.
        endpoints.MapOpenApi().AllowAnonymous();
        return endpoints;
    }
}
