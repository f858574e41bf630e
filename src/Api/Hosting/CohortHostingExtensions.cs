using MeterGrains.Api.Cohorts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class CohortHostingExtensions
{
    /// <summary>
    /// Adds cohort figures (section <c>Cohorts</c>, validated at start). Needs an <c>NpgsqlDataSource</c>, which the silo
    /// registers.
    /// </summary>
    public static IServiceCollection AddMeterGrainsCohorts(this IServiceCollection services)
    {
        services.AddOptions<CohortOptions>().BindConfiguration(CohortOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CohortOptions>, CohortOptionsValidator>();
        services.TryAddSingleton<CohortEnergyReader>();
        return services;
    }
}
