using MeterGrains.Api.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class LiveHostingExtensions
{
    /// <summary>
    /// Adds the SignalR hub for live dashboards (options <c>Live</c>, JSON instants in UTC with <c>Z</c>) and the bridge
    /// from grains to it: one <see cref="LiveObserver"/> per process, registered with the watched grains and renewed.
    /// </summary>
    public static IServiceCollection AddLiveHub(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        services.AddSingleton<LivePublisher>();
        services.AddSingleton<LiveObserver>();
        services.AddSingleton<LiveSubscriptions>();
        services.AddSingleton<MeterChangeSignals>();
        services.AddHostedService<LiveLeaseRenewer>();
        return services;
    }

    /// <summary>Maps <c>/hubs/live</c> for any authenticated caller; each hub method checks what the caller may see.</summary>
    public static HubEndpointConventionBuilder MapLiveHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization();
}
