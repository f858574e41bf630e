using MeterGrains.Api.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class PseudonymHostingExtensions
{
    /// <summary>
    /// Adds the pseudonyms of processing apps: the secret <c>Privacy:PseudonymSecret</c> (validated at start) and the
    /// PostgreSQL record of issued pseudonyms. Needs an <c>NpgsqlDataSource</c>, which the silo registers.
    /// </summary>
    public static IServiceCollection AddPseudonyms(this IServiceCollection services)
    {
        services.AddOptions<PseudonymOptions>().BindConfiguration(PseudonymOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PseudonymOptions>, PseudonymOptionsValidator>();
        services.TryAddSingleton<IPseudonymStore, PostgresPseudonymStore>();
        services.TryAddSingleton<Pseudonyms>();
        return services;
    }
}
