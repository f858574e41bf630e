using MeterGrains.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeterGrains.Hosting;

public static class HouseholdDirectoryServiceCollectionExtensions
{
    /// <summary>Adds the PostgreSQL household directory (cohorts). Needs an <c>NpgsqlDataSource</c>, which the silo registers.</summary>
    public static IServiceCollection AddPostgresHouseholdDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton<IHouseholdDirectory, PostgresHouseholdDirectory>();
        return services;
    }
}
