using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Auth;

/// <summary>Refuses a bearer-token configuration that cannot work or is unsafe, naming the key.</summary>
public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        var hasKey = !string.IsNullOrEmpty(options.SigningKey);
        var hasAuthority = !string.IsNullOrEmpty(options.Authority);
        if (hasKey && hasAuthority)
        {
            failures.Add("Auth:Jwt:SigningKey and Auth:Jwt:Authority are both set: tokens are either signed here or by the authority, set one.");
        }

        if (hasKey)
        {
            var key = options.SigningKeyBytes();
            if (key is null)
            {
                failures.Add("Auth:Jwt:SigningKey must be base64 (for example: head -c 32 /dev/urandom | base64).");
            }
            else if (key.Length < JwtOptions.MinimumSigningKeyBytes)
            {
                failures.Add($"Auth:Jwt:SigningKey must decode to at least {JwtOptions.MinimumSigningKeyBytes} bytes for HS256 (is {key.Length}).");
            }
        }

        if (hasAuthority
            && (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
                || (authority.Scheme != Uri.UriSchemeHttps && (options.RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp))))
        {
            failures.Add($"Auth:Jwt:Authority must be an absolute https URL (http only with Auth:Jwt:RequireHttpsMetadata=false) (is '{options.Authority}').");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Jwt:Audience must not be empty: a token for another service must not work here.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Auth:Jwt:ClockSkew must be between 00:00:00 and 00:10:00 (is {options.ClockSkew}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
