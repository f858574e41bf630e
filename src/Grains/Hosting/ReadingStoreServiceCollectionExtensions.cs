using MeterGrains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Hosting;

public static class ReadingStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PostgreSQL store of raw readings and buckets (one batching writer per silo) with its options
    /// (section <c>Storage:Readings</c>). Needs an <c>NpgsqlDataSource</c> in the container, which the silo registers.
    /// </summary>
    public static IServiceCollection AddPostgresReadingStore(this IServiceCollection services)
    {
        services.AddOptions<ReadingStoreOptions>().BindConfiguration(ReadingStoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadingStoreOptions>, ReadingStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainMetrics>();
        services.TryAddSingleton<PostgresReadingStore>();
        services.TryAddSingleton<IReadingStore>(sp => sp.GetRequiredService<PostgresReadingStore>());
        return services;
    }
}
