using MeterGrains.Api.Cohorts;

namespace MeterGrains.Api.Tests.Cohorts;

public sealed class CohortOptionsValidatorTests
{
    [Fact]
    public void The_default_k_is_five_and_valid()
    {
        var options = new CohortOptions();
        Assert.Equal(5, options.MinHouseholds);
        Assert.True(new CohortOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)] // a cohort of one household is that household
    [InlineData(0, false)]
    [InlineData(-5, false)]
    public void K_below_two_fails_naming_the_key(int minHouseholds, bool valid)
    {
        var result = new CohortOptionsValidator().Validate(null, new CohortOptions { MinHouseholds = minHouseholds });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Cohorts:MinHouseholds", result.FailureMessage);
        }
    }
}
