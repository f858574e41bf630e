using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using MeterGrains.Api.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c> (on the live hub also <c>access_token</c> in the query string) against the configured keys. Keys are looked up by their SHA-256, so the
/// comparison does not leak how much of a guess was right.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The query-string parameter that may carry the key on <see cref="LiveHub.Path"/>.</summary>
    public const string AccessTokenParameter = "access_token";

    private readonly Dictionary<string, ApiKeyEntry> _byHash = keys.Value.ApiKeys
        .Where(k => k.Key is not null)
        .ToDictionary(k => Hash(k.Key!), StringComparer.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || presented.Count == 0)
        {
            // Browsers cannot set headers on WebSockets or server-sent events, so the hub (and only the hub, where a
            // key in a URL is the price of live push) also takes the key from the query string.
            if (!Request.Path.StartsWithSegments(LiveHub.Path) || !Request.Query.TryGetValue(AccessTokenParameter, out presented) || presented.Count == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
        }

        if (presented.Count > 1 || !_byHash.TryGetValue(Hash(presented[0] ?? string.Empty), out var entry))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} is not a valid key."));
        }

        var claims = new List<Claim> { new(ApiClaims.Name, entry.Name ?? string.Empty), new(ApiClaims.Role, entry.Role!) };
        if (entry.HouseholdId is { } householdId)
        {
            claims.Add(new Claim(ApiClaims.HouseholdId, householdId));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ApiClaims.Name, ApiClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
