using System.Net;
using System.Threading.RateLimiting;
using MeterGrains.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace MeterGrains.Api.Limits;

/// <summary>
/// The global limiter of the API: the client IP's bucket, then the caller's. It runs after authentication, so a
/// caller is known by its key name or token subject; refused credentials and anonymous requests count against the IP
/// only. Every endpoint is limited unless it opts out with <c>DisableRateLimiting</c> (health probes).
/// </summary>
public static class CallerRateLimiter
{
    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perIp = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            Partition(ClientAddress(context), options.PerIp));
        var perCaller = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.Actor() is { } actor ? Partition(actor, options.PerCaller) : RateLimitPartition.GetNoLimiter(string.Empty));
        return PartitionedRateLimiter.CreateChained(perIp, perCaller);
    }

    /// <summary>The client's address as the partition key ("unknown" for in-process transports).</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();

    private static RateLimitPartition<string> Partition(string key, TokenBucketLimit limit) =>
        limit.PermitsPerSecond == 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = limit.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
