using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Limits;

/// <summary>Refuses rate limits that cannot work, naming the key.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <summary>Above this, a bucket is no limit at all and likely a typo.</summary>
    public const int MaxPermitsPerSecond = 1_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(options.PerCaller, "RateLimits:PerCaller", failures);
        Check(options.PerIp, "RateLimits:PerIp", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(TokenBucketLimit? limit, string at, List<string> failures)
    {
        if (limit is null)
        {
            failures.Add($"{at} is missing.");
            return;
        }

        if (limit.PermitsPerSecond is < 0 or > MaxPermitsPerSecond)
        {
            failures.Add($"{at}:PermitsPerSecond must be from 0 (off) to {MaxPermitsPerSecond} (is {limit.PermitsPerSecond}).");
        }
        else if (limit.PermitsPerSecond > 0 && (limit.Burst < limit.PermitsPerSecond || limit.Burst > MaxPermitsPerSecond))
        {
            failures.Add($"{at}:Burst must be at least {at}:PermitsPerSecond ({limit.PermitsPerSecond}) and at most {MaxPermitsPerSecond} (is {limit.Burst}).");
        }
    }
}
