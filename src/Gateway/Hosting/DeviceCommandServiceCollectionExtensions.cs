using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Hosting;

public static class DeviceCommandServiceCollectionExtensions
{
    /// <summary>
    /// Adds commands to devices: <see cref="CommandOptions"/> (section <c>Commands</c>, validated at start), the <see cref="ICommandStore"/> in PostgreSQL (migration 0009) and the
    /// <see cref="CommandService"/> that the API accepts commands with; with <paramref name="gateway"/>, also the
    /// <see cref="CommandDispatcher"/> that publishes them through the embedded broker (or else the external broker) and the
    /// <see cref="CommandReplyListener"/> that records devices' replies. Needs an <c>NpgsqlDataSource</c> and an
    /// <see cref="Devices.IDeviceStore"/> (<c>AddPostgresDeviceRegistry</c>); with <paramref name="gateway"/>, call
    /// <c>AddMqttGateway</c> too.
    /// </summary>
    public static IServiceCollection AddDeviceCommands(this IServiceCollection services, bool gateway)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        services.TryAddSingleton<ICommandStore, PostgresCommandStore>();
        services.TryAddSingleton<CommandSignal>();
        services.TryAddSingleton<CommandService>();
        if (gateway)
        {
            services.TryAddSingleton<CommandReplyListener>();
            services.AddHostedService(static sp => sp.GetRequiredService<CommandReplyListener>());
            // The embedded broker first: a gateway running both publishes where its own devices connect.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandPublisher, MqttBrokerService>(static sp => sp.GetRequiredService<MqttBrokerService>()));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandPublisher, ExternalBrokerSubscriber>(static sp => sp.GetRequiredService<ExternalBrokerSubscriber>()));
            services.AddHostedService<CommandDispatcher>();
        }

        return services;
    }
}
