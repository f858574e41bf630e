using MeterGrains.Exports;
using MeterGrains.Gateway;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MeterGrains.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every silo: metrics on <see cref="MetricsPath"/> for Prometheus, and metrics, traces and logs over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the SDK reads the other <c>OTEL_*</c> variables itself).
/// </summary>
public static class TelemetryHostingExtensions
{
    /// <summary>The Prometheus scrape path, on the HTTP endpoint (Kestrel:Endpoints:Http).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give one.</summary>
    public const string ServiceName = "metergrains";

    /// <summary>The configuration key that turns OTLP export on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] Meters =
    [
        GatewayMetrics.MeterName,
        GrainMetrics.MeterName,
        ExportMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        // signalr.server.active_connections and connection durations of /hubs/live.
        "Microsoft.AspNetCore.Http.Connections",
        "System.Runtime",
        "Npgsql",
    ];

    private static readonly string[] ActivitySources =
    [
        GatewayActivities.SourceName,
        GrainActivities.SourceName,
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
        "Npgsql",
    ];

    /// <summary>Adds the meters and trace sources above, the Prometheus exporter, and OTLP export when configured.</summary>
    public static WebApplicationBuilder AddMeterGrainsTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            // Traces and logs only have somewhere to go over OTLP. Without it no listener is registered, so the
            // activity sources stay off: a span per MQTT message, grain call and SQL command that nobody exports
            // cost the ingest path about 2 % of the silo's CPU, plus their garbage (bench/README.md, ingest profile).
            telemetry
                .WithTracing(tracing => tracing.AddSource(ActivitySources).AddAspNetCoreInstrumentation(o => o.Filter = IsTraced))
                .WithLogging()
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint (open, like the health endpoints).</summary>
    public static IEndpointRouteBuilder MapMeterGrainsMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Scrapers carry no credentials; the figures are counts, no ids. Keep the port off the internet (README).
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }

    // Probes and scrapes every few seconds per pod would drown the traces that matter.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal);
}
