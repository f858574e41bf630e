using MeterGrains.Silo.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MeterGrains.Silo.Hosting;

public static class HealthHostingExtensions
{
    /// <summary>Healthy once every hosted service started: the Kubernetes startup probe.</summary>
    public const string StartupPath = "/health/startup";

    /// <summary>Healthy while PostgreSQL answers and the silo is an active cluster member: the readiness probe.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Healthy while the process answers HTTP at all: the liveness probe.</summary>
    public const string LivePath = "/health/live";

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
        endpoints.MapHealthChecks(StartupPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Startup) }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }
}
