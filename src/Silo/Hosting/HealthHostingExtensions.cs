using MeterGrains.Silo.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MeterGrains.Silo.Hosting;

public static class HealthHostingExtensions
{
    private const string Startup = "startup";
    private const string Ready = "ready";

    /// <summary>Adds the checks behind <c>/health/startup</c> and <c>/health/ready</c>; liveness checks only the process.</summary>
    public static IServiceCollection AddMeterGrainsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup", tags: [Startup])
            .AddCheck<PostgresHealthCheck>("postgres", tags: [Ready])
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapMeterGrainsHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Probes carry no credentials and come often: open and unlimited, although the API requires a caller elsewhere.
        endpoints.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Startup) }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }
}
