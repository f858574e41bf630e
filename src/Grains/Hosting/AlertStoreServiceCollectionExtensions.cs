using MeterGrains.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeterGrains.Hosting;

public static class AlertStoreServiceCollectionExtensions
{
    /// <summary>Adds the PostgreSQL alert store. Needs an <c>NpgsqlDataSource</c> in the container, which the silo registers.</summary>
    public static IServiceCollection AddPostgresAlertStore(this IServiceCollection services)
    {
        services.TryAddSingleton<IAlertStore, PostgresAlertStore>();
        return services;
    }
}
