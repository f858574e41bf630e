using MeterGrains.Meters;
using MeterGrains.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Hosting;

public static class MeterGrainsServiceCollectionExtensions
{
    /// <summary>Adds what the meter and household grains need: their options (meters, anomaly checks, personal data), a clock, and the meter watch that calls meters when a chore is due.</summary>
    public static IServiceCollection AddMeterGrains(this IServiceCollection services)
    {
        services.AddOptions<MeterOptions>().BindConfiguration(MeterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MeterOptions>, MeterOptionsValidator>();
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnomalyOptions>, AnomalyOptionsValidator>();
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        services.AddSingleton<PersonalDataProtector>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MeterWatch>();
        services.TryAddSingleton<GrainMetrics>();
        services.TryAddSingleton<MeterGrainServices>();
        services.AddHostedService<MeterWatchService>();
        return services;
    }
}
