using System.Security.Claims;
using MeterGrains.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace MeterGrains.Api.Tests.Auth;

public sealed class CallerAuthenticationTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    [Theory]
    [InlineData("/api/v1/meters/m1", "Bearer abc", null, null, "Bearer")]
    [InlineData("/api/v1/meters/m1", "bearer abc", null, null, "Bearer")]
    [InlineData("/api/v1/meters/m1", null, "some-key", null, "ApiKey")]
    [InlineData("/api/v1/meters/m1", null, null, null, "ApiKey")]
    // The query string counts on the hub only, and a JWT is told apart from a key by its shape.
    [InlineData("/hubs/live", null, null, Jwt, "Bearer")]
    [InlineData("/hubs/live/negotiate", null, null, Jwt, "Bearer")]
    [InlineData("/hubs/live", null, null, "an-api-key-without-dots", "ApiKey")]
    [InlineData("/api/v1/meters/m1", null, null, Jwt, "ApiKey")]
    // A key in the header wins over the query string.
    [InlineData("/hubs/live", null, "some-key", Jwt, "ApiKey")]
    public void Each_request_goes_to_the_scheme_its_credentials_are_for(string path, string? authorization, string? apiKey, string? accessToken, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (apiKey is not null)
        {
            context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] = apiKey;
        }

        if (accessToken is not null)
        {
            context.Request.QueryString = QueryString.Create("access_token", accessToken);
        }

        Assert.Equal(expected, CallerAuthentication.SelectScheme(context));
    }

    [Theory]
    [InlineData("a.b.c", true)]
    [InlineData("a..c", false)]
    [InlineData("a.b", false)]
    [InlineData("a.b.c.d", false)]
    public void A_JWT_has_three_non_empty_parts(string value, bool expected) => Assert.Equal(expected, CallerAuthentication.LooksLikeJwt(value));

    [Fact]
    public void The_actor_names_the_scheme_and_the_caller()
    {
        var key = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ApiClaims.Name, "ops")], "ApiKey", ApiClaims.Name, ApiClaims.Role));
        var token = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "Bearer", "sub", ApiClaims.Role));
        Assert.Equal("ApiKey:ops", key.Actor());
        Assert.Equal("Bearer:alice", token.Actor());
        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity()).Actor());
    }
}
