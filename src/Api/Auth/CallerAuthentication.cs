using System.Security.Claims;
using MeterGrains.Api.Live;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace MeterGrains.Api.Auth;

/// <summary>
/// The default authentication scheme: forwards each request to the scheme its credentials are for, a bearer JWT
/// (<c>Authorization: Bearer</c>, or on the live hub an <c>access_token</c> shaped like a JWT) or an API key
/// (<c>X-Api-Key</c>, or on the live hub any other <c>access_token</c>). Without credentials the API-key scheme
/// answers, with 401.
/// </summary>
public static class CallerAuthentication
{
    public const string SchemeName = "MeterGrains";

    public static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (!request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            && request.Path.StartsWithSegments(LiveHub.Path)
            && request.Query.TryGetValue(ApiKeyAuthenticationHandler.AccessTokenParameter, out var token)
            && LooksLikeJwt(token.ToString()))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return ApiKeyAuthenticationHandler.SchemeName;
    }

    /// <summary>A compact JWS: three non-empty base64url parts separated by dots (API keys may not hold dots, see ApiKeyOptionsValidator).</summary>
    public static bool LooksLikeJwt(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0);
    }

    /// <summary>
    /// Who the caller is, for audit and rate limits: <c>ApiKey:&lt;key name&gt;</c> or <c>Bearer:&lt;sub&gt;</c>;
    /// null when not authenticated.
    /// </summary>
    public static string? Actor(this ClaimsPrincipal caller) =>
        caller.Identity is { IsAuthenticated: true, AuthenticationType: { } scheme, Name: { } name } ? $"{scheme}:{name}" : null;
}
