namespace MeterGrains.Api.Limits;

/// <summary>
/// Request rate limits of the API role (configuration section <c>RateLimits</c>): a token bucket per caller (API key
/// or token subject) and one per client IP address; a request needs a token from both. Over the limit: 429 with
/// <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Per authenticated caller (<c>RateLimits:PerCaller:*</c>).</summary>
    public TokenBucketLimit PerCaller { get; set; } = new() { PermitsPerSecond = 20, Burst = 100 };

    /// <summary>
    /// Per client IP address, callers or not (<c>RateLimits:PerIp:*</c>): higher, because many callers may share an
    /// address; it is what bounds guessing of credentials.
    /// </summary>
    public TokenBucketLimit PerIp { get; set; } = new() { PermitsPerSecond = 100, Burst = 400 };
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled with <see cref="PermitsPerSecond"/> every second.</summary>
public sealed class TokenBucketLimit
{
    /// <summary>Sustained requests per second; 0 turns this limit off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>The bucket's size: how many requests may come at once after a quiet spell (at least <see cref="PermitsPerSecond"/>).</summary>
    public int Burst { get; set; }
}
