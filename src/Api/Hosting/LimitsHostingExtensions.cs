using System.Globalization;
using System.Threading.RateLimiting;
using MeterGrains.Api.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MeterGrains.Api.Hosting;

public static class LimitsHostingExtensions
{
    /// <summary>
    /// Adds the request rate limits (<c>RateLimits</c>: per caller and per IP, 429 problem details with
    /// <c>Retry-After</c>) and the request body limit (<c>RequestLimits</c>, 413 problem details; gRPC per message),
    /// both validated at start.
    /// </summary>
    public static IServiceCollection AddMeterGrainsLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<RequestBodyLimitOptions>().BindConfiguration(RequestBodyLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestBodyLimitOptions>, RequestBodyLimitOptionsValidator>();

        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            o.GlobalLimiter = CallerRateLimiter.Create(limits.Value);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<RequestBodyLimitOptions>>(
            (o, limits) => o.MaxReceiveMessageSize = limits.Value.MaxGrpcMessageBytes);
        return services;
    }

    /// <summary>The rate limiter, then the body limit (after authentication and authorization, so that 401 and 403 come first).</summary>
    public static IApplicationBuilder UseMeterGrainsRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    public static IApplicationBuilder UseMeterGrainsBodyLimits(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerRateLimiter))
            .RateLimited(context.Request.Method, context.Request.Path, CallerRateLimiter.ClientAddress(context), seconds);
        await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The rate limit ({RateLimitOptions.SectionName}) of this caller or address is exhausted; retry after {seconds} s.");
    }
}
