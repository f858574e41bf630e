using MeterGrains.Exports.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Exports.Hosting;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the daily export (section <c>Export</c>) and raw-reading retention (section <c>Retention</c>), both validated
    /// at start, on PostgreSQL; with <paramref name="schedule"/> also the background run at start and at
    /// <c>Export:TimeOfDay</c> (grain silos). Needs an <c>NpgsqlDataSource</c>, which the silo registers.
    /// </summary>
    public static IServiceCollection AddDailyExports(this IServiceCollection services, bool schedule)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>());
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExportMetrics>();
        services.TryAddSingleton<ExportLedger>();
        services.TryAddSingleton<ExportSource>();
        services.TryAddSingleton<ReadingPartitions>();
        services.TryAddSingleton<DailyExporter>();
        services.TryAddSingleton<RetentionSweeper>();
        if (schedule)
        {
            services.AddHostedService<ExportScheduler>();
        }

        return services;
    }
}
