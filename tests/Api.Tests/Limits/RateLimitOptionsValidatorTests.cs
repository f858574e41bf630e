using MeterGrains.Api.Limits;

namespace MeterGrains.Api.Tests.Limits;

public sealed class RateLimitOptionsValidatorTests
{
    private static readonly RateLimitOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid() => Assert.True(Validator.Validate(null, new RateLimitOptions()).Succeeded);

    [Fact]
    public void Zero_turns_a_limit_off_whatever_the_burst()
    {
        var options = new RateLimitOptions { PerIp = new TokenBucketLimit { PermitsPerSecond = 0, Burst = 0 } };
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_burst_below_the_rate_and_a_negative_rate_fail_naming_their_keys()
    {
        var options = new RateLimitOptions
        {
            PerCaller = new TokenBucketLimit { PermitsPerSecond = 10, Burst = 5 },
            PerIp = new TokenBucketLimit { PermitsPerSecond = -1, Burst = 5 },
        };
        var failures = Validator.Validate(null, options).Failures!.ToList();
        Assert.Equal(2, failures.Count);
        Assert.StartsWith("RateLimits:PerCaller:Burst must be at least RateLimits:PerCaller:PermitsPerSecond (10)", failures[0]);
        Assert.StartsWith("RateLimits:PerIp:PermitsPerSecond", failures[1]);
    }

    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    [InlineData(64L * 1024 * 1024 + 1, false)]
    public void The_body_limit_has_bounds(long bytes, bool valid)
    {
        var result = new RequestBodyLimitOptionsValidator().Validate(null, new RequestBodyLimitOptions { MaxBodyBytes = bytes });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("RequestLimits:MaxBodyBytes", Assert.Single(result.Failures!));
        }
    }
}
