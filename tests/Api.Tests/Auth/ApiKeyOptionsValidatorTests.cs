using MeterGrains.Api.Auth;

namespace MeterGrains.Api.Tests.Auth;

public sealed class ApiKeyOptionsValidatorTests
{
    [Fact]
    public void A_key_with_a_dot_fails_because_the_hub_would_take_it_for_a_JWT()
    {
        var options = new ApiKeyOptions { ApiKeys = [new ApiKeyEntry { Name = "ops", Key = "abcdefghij.klmnopqrstuvwxyz", Role = "operator" }] };
        var failure = Assert.Single(new ApiKeyOptionsValidator().Validate(null, options).Failures!);
        Assert.Equal("Auth:ApiKeys:0:Key must not contain '.'.", failure);
    }
}
