using MeterGrains.Api.Households;
using MeterGrains.Api.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeterGrains.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>
    /// Adds the services of the API role: problem details, JSON instants in UTC with <c>Z</c>, readings over HTTP (with the
    /// gateway's payload limit <c>Mqtt:MaxPayloadBytes</c> and its dead-letter seam), and gRPC.
    /// </summary>
    public static IServiceCollection AddMeterGrainsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        services.TryAddSingleton(TimeProvider.System);

        // The HTTP ingest shares the gateway's payload limit and dead letters, also on a silo without the gateway role.
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName);
        services.TryAddSingleton<IDeadLetterSink, LoggingDeadLetterSink>();
        services.TryAddSingleton<HttpReadingIngest>();
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        return services;
    }

    /// <summary>Maps the REST endpoints and gRPC services of the API role.</summary>
    public static IEndpointRouteBuilder MapMeterGrainsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMeterApi();
        endpoints.MapHouseholdApi();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
