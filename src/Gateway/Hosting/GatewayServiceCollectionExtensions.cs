using MeterGrains.Gateway.Decoding;
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
    /// Adds the MQTT gateway: <see cref="MqttOptions"/> (section <c>Mqtt</c>) and <see cref="IngestOptions"/> (section
    /// <c>Ingest</c>), both validated at start-up; the payload decoders and <see cref="DecoderRegistry"/>; the
    /// <see cref="IngestPipeline"/> delivering to the meter grains through <see cref="GrainReadingSink"/>; dead letters to
    /// <see cref="LoggingDeadLetterSink"/>; and the embedded broker (<see cref="MqttBrokerService"/>).
    /// </summary>
    /// <remarks>
    /// <see cref="IReadingSink"/> and <see cref="IDeadLetterSink"/> are added with TryAdd, so a registration made before
    /// this call wins. <see cref="GrainReadingSink"/> needs <c>IGrainFactory</c>, which a silo or Orleans client provides.
    /// </remarks>
    public static IServiceCollection AddMqttGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayMetrics>();

        // Decoders are tried in registration order; later payload families add theirs here.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPayloadDecoder, GenericJsonDecoder>());
        services.TryAddSingleton<DecoderRegistry>();

        services.TryAddSingleton<IReadingSink, GrainReadingSink>();
        services.TryAddSingleton<IDeadLetterSink, LoggingDeadLetterSink>();

        // Hosted services stop in reverse order: the broker stops taking messages first, then the pipeline drains.
        services.TryAddSingleton<IngestPipeline>();
        services.AddHostedService(static sp => sp.GetRequiredService<IngestPipeline>());
        services.TryAddSingleton<MqttBrokerService>();
        services.AddHostedService(static sp => sp.GetRequiredService<MqttBrokerService>());

        return services;
    }
}
