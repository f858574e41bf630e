using MeterGrains.Api.Auth;

namespace MeterGrains.Api.Tests.Auth;

public sealed class JwtOptionsValidatorTests
{
    private static readonly JwtOptionsValidator Validator = new();

    [Fact]
    public void Neither_key_nor_authority_is_valid_and_turns_bearer_tokens_off()
    {
        var options = new JwtOptions();
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void A_32_byte_key_is_enough()
    {
        // 32 bytes is 256 bits, the HS256 minimum of RFC 7518.
        var options = new JwtOptions { SigningKey = Convert.ToBase64String(new byte[32]) };
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.True(options.Enabled);
    }

    [Theory]
    [InlineData(31, "at least 32 bytes for HS256 (is 31)")]
    [InlineData(16, "(is 16)")]
    public void A_short_key_fails_naming_the_key_and_its_length(int bytes, string expected)
    {
        var result = Validator.Validate(null, new JwtOptions { SigningKey = Convert.ToBase64String(new byte[bytes]) });
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Auth:Jwt:SigningKey", failure);
        Assert.Contains(expected, failure);
    }

    [Fact]
    public void A_key_that_is_not_base64_fails_naming_the_key()
    {
        var failure = Assert.Single(Validator.Validate(null, new JwtOptions { SigningKey = "not base64 at all!" }).Failures!);
        Assert.StartsWith("Auth:Jwt:SigningKey must be base64", failure);
    }

    [Fact]
    public void Key_and_authority_together_fail()
    {
        var result = Validator.Validate(null, new JwtOptions { SigningKey = Convert.ToBase64String(new byte[32]), Authority = "https://id.example.org" });
        Assert.Contains(result.Failures!, f => f.Contains("Auth:Jwt:SigningKey and Auth:Jwt:Authority", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://id.example.org/realms/x", true, true)]
    [InlineData("http://localhost:8080/realms/x", true, false)]
    [InlineData("http://localhost:8080/realms/x", false, true)]
    [InlineData("not a url", false, false)]
    public void An_authority_must_be_https_unless_allowed(string authority, bool requireHttps, bool valid)
    {
        var result = Validator.Validate(null, new JwtOptions { Authority = authority, RequireHttpsMetadata = requireHttps });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Auth:Jwt:Authority", Assert.Single(result.Failures!));
        }
    }

    [Fact]
    public void An_empty_audience_and_a_wild_clock_skew_fail()
    {
        var result = Validator.Validate(null, new JwtOptions { Audience = " ", ClockSkew = TimeSpan.FromHours(1) });
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Jwt:Audience", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Jwt:ClockSkew", StringComparison.Ordinal));
    }
}
