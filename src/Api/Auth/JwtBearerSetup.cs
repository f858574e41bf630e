using MeterGrains.Api.Live;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MeterGrains.Api.Auth;

/// <summary>
/// Configures the bearer scheme from <see cref="JwtOptions"/>: claims keep their JWT names (<c>sub</c>, <c>role</c>,
/// <c>household_id</c>), HS256 only with a signing key, issuer, audience and lifetime always checked, and on
/// <see cref="LiveHub.Path"/> the token may come as <c>access_token</c> in the query string.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<JwtOptions> jwt) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = jwt.Value;
        options.MapInboundClaims = false;
        options.Audience = settings.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            AuthenticationType = JwtBearerDefaults.AuthenticationScheme,
            NameClaimType = ApiClaims.Subject,
            RoleClaimType = ApiClaims.Role,
            ValidAudience = settings.Audience,
            ValidateIssuer = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
        };

        if (settings.SigningKeyBytes() is { } key)
        {
            options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
            // Only the algorithm the key is for: no "alg: none", no key confusion.
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            options.TokenValidationParameters.ValidIssuer = settings.Issuer ?? JwtOptions.DefaultIssuer;
        }
        else if (settings.Authority is { Length: > 0 } authority)
        {
            options.Authority = authority;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            if (settings.Issuer is { } issuer)
            {
                options.TokenValidationParameters.ValidIssuer = issuer;
            }
        }
        else
        {
            // Bearer tokens are off: nothing validates, so every token is refused (401).
            options.TokenValidationParameters.ValidIssuer = JwtOptions.DefaultIssuer;
        }

        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on WebSockets: the live hub (only) takes the token from the query string.
                if (context.Token is null
                    && context.Request.Path.StartsWithSegments(LiveHub.Path)
                    && context.Request.Query.TryGetValue(ApiKeyAuthenticationHandler.AccessTokenParameter, out var token))
                {
                    context.Token = token.ToString();
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (TokenClaims.Explain(context.Principal!) is { } problem)
                {
                    context.Fail(problem);
                }

                return Task.CompletedTask;
            },
        };
    }
}
