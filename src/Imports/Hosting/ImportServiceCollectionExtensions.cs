using MeterGrains.Imports.History;
using MeterGrains.Imports.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Imports.Hosting;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the CSV import (section <c>Imports</c>, validated at start) and forecasts from stored history, both on
    /// PostgreSQL. Needs an <c>NpgsqlDataSource</c>, which the silo registers.
    /// </summary>
    public static IServiceCollection AddCsvImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IImportStore, PostgresImportStore>();
        services.TryAddSingleton<IMeterHistoryReader, PostgresMeterHistoryReader>();
        services.TryAddSingleton<CsvImporter>();
        services.TryAddSingleton<HistoryForecaster>();
        return services;
    }
}
