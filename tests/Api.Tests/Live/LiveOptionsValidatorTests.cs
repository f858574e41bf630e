using MeterGrains.Api.Live;

namespace MeterGrains.Api.Tests.Live;

public sealed class LiveOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_allow_four_updates_per_second()
    {
        var options = new LiveOptions();
        Assert.True(new LiveOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.MinUpdateInterval);
        // Leases last three renewals: 3 × 60 s.
        Assert.Equal(TimeSpan.FromMinutes(3), options.Lease);
    }

    [Theory]
    [InlineData(0, 60, "Live:MaxUpdatesPerSecond")]
    [InlineData(-1, 60, "Live:MaxUpdatesPerSecond")]
    [InlineData(4, 0, "Live:WatchRenewal")]
    [InlineData(4, 3600, "Live:WatchRenewal")]
    public void A_bad_value_fails_naming_the_key(double maxUpdatesPerSecond, int renewalSeconds, string key)
    {
        var result = new LiveOptionsValidator().Validate(null, new LiveOptions
        {
            MaxUpdatesPerSecond = maxUpdatesPerSecond,
            WatchRenewal = TimeSpan.FromSeconds(renewalSeconds),
        });
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }
}
