using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeterGrains.Gateway.Hosting;

public static class DeviceRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the device registry in PostgreSQL (<see cref="PostgresDeviceStore"/>, migration 0008) as the
    /// <see cref="IDeviceStore"/> that the broker authenticates against, the <see cref="DeviceAuthenticator"/> with its
    /// cache, and the <see cref="DeviceRegistry"/> that the API issues credentials with. Needs an <c>NpgsqlDataSource</c>,
    /// which the silo registers. Call it on every silo with the gateway or API role.
    /// </summary>
    public static IServiceCollection AddPostgresDeviceRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeviceStore, PostgresDeviceStore>();
        services.TryAddSingleton<DeviceAuthenticator>();
        services.TryAddSingleton<DeviceRegistry>();
        return services;
    }
}
