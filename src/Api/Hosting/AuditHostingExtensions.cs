using MeterGrains.Api.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class AuditHostingExtensions
{
    /// <summary>
    /// Adds the PostgreSQL audit log (section <c>Audit</c>, validated at start) of writes and refusals, and its
    /// retention sweep (entries older than <c>Audit:RetentionDays</c> are deleted). Needs an
    /// <c>NpgsqlDataSource</c>, which the silo registers.
    /// </summary>
    public static IServiceCollection AddMeterGrainsAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.TryAddSingleton<PostgresAuditLog>();
        services.TryAddSingleton<IAuditSink>(static sp => sp.GetRequiredService<PostgresAuditLog>());
        services.TryAddSingleton<IAuditReader>(static sp => sp.GetRequiredService<PostgresAuditLog>());
        services.AddHostedService(static sp => sp.GetRequiredService<PostgresAuditLog>());
        services.TryAddSingleton<AuditRetentionSweeper>();
        services.AddHostedService(static sp => sp.GetRequiredService<AuditRetentionSweeper>());
        return services;
    }

    /// <summary>Records writes and refusals; first of the security middleware, so that it sees every refusal.</summary>
    public static IApplicationBuilder UseMeterGrainsAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
