using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Hosting;

/// <summary>Registers the MQTT gateway role.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the MQTT gateway: <see cref="MqttOptions"/> (section <c>Mqtt</c>), <see cref="ExternalBrokerOptions"/>
    /// (<c>Mqtt:External</c>), <see cref="IngestOptions"/> (section
    /// <c>Ingest</c>), <see cref="ShellyGen1Options"/> (<c>Shelly:Gen1</c>) and <see cref="ShellyGen2Options"/>
    /// (<c>Shelly:Gen2</c>), all validated at start-up; the payload decoders (generic JSON, Shelly Gen1, Shelly Gen2) and
    /// <see cref="DecoderRegistry"/>; the <see cref="IngestPipeline"/> delivering to the meter grains through
    /// <see cref="GrainReadingSink"/>; the <see cref="AssembledReadingsReleaser"/> that flushes assembled Gen1 readings;
    /// dead letters to <see cref="LoggingDeadLetterSink"/>; the embedded broker (<see cref="MqttBrokerService"/>,
    /// unless <c>Mqtt:Enabled</c> is false) with its device authentication and topic ACL (<see cref="MqttAccessControl"/>,
    /// <see cref="DeviceAuthenticator"/>), and the external-broker subscriber (<see cref="ExternalBrokerSubscriber"/>,
    /// when <c>Mqtt:External:Enabled</c> is true), both feeding the pipeline through <see cref="MessageIntake"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="IReadingSink"/> and <see cref="IDeadLetterSink"/> are added with TryAdd, so a registration made before
    /// this call wins. <see cref="GrainReadingSink"/> needs <c>IGrainFactory</c>, which a silo or Orleans client provides.
    /// The broker needs an <see cref="IDeviceStore"/>: call <c>AddPostgresDeviceRegistry</c> (or register one) as well.
    /// </remarks>
    public static IServiceCollection AddMqttGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.AddOptions<ExternalBrokerOptions>().BindConfiguration(ExternalBrokerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExternalBrokerOptions>, ExternalBrokerOptionsValidator>());
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>());
        services.AddOptions<ShellyGen1Options>().BindConfiguration(ShellyGen1Options.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShellyGen1Options>, ShellyGen1OptionsValidator>());
        services.AddOptions<ShellyGen2Options>().BindConfiguration(ShellyGen2Options.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShellyGen2Options>, ShellyGen2OptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayMetrics>();

        // Decoders are tried in registration order; Gen1's shellies/# comes before Gen2's +/status/+ so that it keeps its own.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPayloadDecoder, GenericJsonDecoder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPayloadDecoder, ShellyGen1Decoder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPayloadDecoder, ShellyGen2Decoder>());
        services.TryAddSingleton<DecoderRegistry>();

        services.TryAddSingleton<IReadingSink, GrainReadingSink>();
        services.TryAddSingleton<IDeadLetterSink, LoggingDeadLetterSink>();

        // Hosted services stop in reverse order: the brokers stop taking messages first (the subscriber waits for its
        // submitted messages to be delivered and acknowledged while the pipeline still runs), then the releaser hands over the
        // readings still being assembled, then the pipeline drains.
        services.TryAddSingleton<IngestPipeline>();
        services.AddHostedService(static sp => sp.GetRequiredService<IngestPipeline>());
        services.TryAddSingleton<AssembledReadingsReleaser>();
        services.AddHostedService(static sp => sp.GetRequiredService<AssembledReadingsReleaser>());
        services.TryAddSingleton<MessageIntake>();
        services.TryAddSingleton<DeviceAuthenticator>();
        services.TryAddSingleton<DeviceLimiter>();
        services.TryAddSingleton<MqttAccessControl>();
        services.TryAddSingleton<ConnectedDevices>();
        services.TryAddSingleton<MqttBrokerService>();
        services.AddHostedService(static sp => sp.GetRequiredService<MqttBrokerService>());
        services.AddSingleton<IDeviceSessions>(static sp => sp.GetRequiredService<MqttBrokerService>());
        services.TryAddSingleton<ExternalBrokerSubscriber>();
        services.AddHostedService(static sp => sp.GetRequiredService<ExternalBrokerSubscriber>());

        return services;
    }
}
