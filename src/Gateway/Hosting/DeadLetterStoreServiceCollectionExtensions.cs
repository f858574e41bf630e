using MeterGrains.Gateway.DeadLetters;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Hosting;

public static class DeadLetterStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PostgreSQL dead-letter store (section <c>DeadLetters</c>) as the <see cref="IDeadLetterSink"/> of every
    /// ingest path and as the <see cref="IDeadLetterReader"/> of the API. Call before <c>AddMqttGateway</c>, whose
    /// logging sink is only a fallback. Needs an <c>NpgsqlDataSource</c>, which the silo registers.
    /// </summary>
    public static IServiceCollection AddPostgresDeadLetterStore(this IServiceCollection services)
    {
        services.AddOptions<DeadLetterStoreOptions>().BindConfiguration(DeadLetterStoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeadLetterStoreOptions>, DeadLetterStoreOptionsValidator>());
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<PostgresDeadLetterStore>();
        services.TryAddSingleton<IDeadLetterSink>(static sp => sp.GetRequiredService<PostgresDeadLetterStore>());
        services.TryAddSingleton<IDeadLetterReader>(static sp => sp.GetRequiredService<PostgresDeadLetterStore>());
        services.AddHostedService(static sp => sp.GetRequiredService<PostgresDeadLetterStore>());
        return services;
    }
}
