namespace MeterGrains.Api.Auth;

/// <summary>
/// Bearer JWTs for residents and dashboards (configuration section <c>Auth:Jwt</c>): either tokens this cloud signs
/// itself with a shared HS256 key (<c>Auth:Jwt:SigningKey</c>; <c>scripts/mint-token.sh</c> mints one), or tokens of
/// an OpenID Connect provider (<c>Auth:Jwt:Authority</c>), whose keys come from its discovery document. With neither,
/// bearer tokens are refused and only API keys work.
/// </summary>
public sealed class JwtOptions
{
    public const string SectionName = "Auth:Jwt";

    /// <summary>The shortest HS256 key accepted, in bytes (RFC 7518 §3.2: at least the hash size, 256 bits).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Base64 of the HS256 key (<c>Auth:Jwt:SigningKey</c>), at least <see cref="MinimumSigningKeyBytes"/> bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect issuer URL whose signing keys are trusted instead (<c>Auth:Jwt:Authority</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS (<c>Auth:Jwt:RequireHttpsMetadata</c>).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The <c>iss</c> a token must carry (<c>Auth:Jwt:Issuer</c>). With a signing key it defaults to
    /// <c>metergrains</c>; with an authority, the authority's own issuer is checked when this is not set.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry (<c>Auth:Jwt:Audience</c>).</summary>
    public string Audience { get; set; } = "metergrains-api";

    /// <summary>How far the clocks of the token's issuer and this cloud may disagree (<c>Auth:Jwt:ClockSkew</c>).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The issuer of tokens signed with <see cref="SigningKey"/> when <see cref="Issuer"/> is not set.</summary>
    public const string DefaultIssuer = "metergrains";

    /// <summary>Whether bearer tokens are accepted at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(Authority);

    /// <summary>The key bytes, or null when <see cref="SigningKey"/> is not set or not base64.</summary>
    public byte[]? SigningKeyBytes()
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            return null;
        }

        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
