using MeterGrains.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeterGrains.Hosting;

public static class AnalyticsStoreServiceCollectionExtensions
{
    /// <summary>Adds the PostgreSQL store of processing results. Needs an <c>NpgsqlDataSource</c>, which the silo registers.</summary>
    public static IServiceCollection AddPostgresAnalyticsResultStore(this IServiceCollection services)
    {
        services.TryAddSingleton<IAnalyticsResultStore, PostgresAnalyticsResultStore>();
        return services;
    }
}
