using MeterGrains.Gateway.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Hosting;

public static class GatewayRegistrationServiceCollectionExtensions
{
    /// <summary>
    /// Reports this gateway to the cluster's gateway registry (section <c>Gateway</c>). Call after <c>AddMqttGateway</c>:
    /// it starts once the broker listens and, at a graceful stop, unregisters before the broker stops.
    /// </summary>
    public static IServiceCollection AddGatewayRegistration(this IServiceCollection services)
    {
        services.AddOptions<GatewayRegistrationOptions>().BindConfiguration(GatewayRegistrationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayRegistrationOptions>, GatewayRegistrationOptionsValidator>());
        services.AddHostedService<GatewayHeartbeatService>();
        return services;
    }
}
