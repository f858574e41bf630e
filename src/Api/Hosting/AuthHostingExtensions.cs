using MeterGrains.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class AuthHostingExtensions
{
    /// <summary>
    /// Adds caller authentication (API keys from <c>Auth:ApiKeys</c>, bearer JWTs per <c>Auth:Jwt</c>, both validated at
    /// start) and the role policies. The fallback policy requires an authenticated caller, so an endpoint mapped without
    /// any authorization of its own (a new REST group, a gRPC service) is never open by accident; open endpoints say
    /// so with <c>AllowAnonymous</c>.
    /// </summary>
    public static IServiceCollection AddMeterGrainsAuth(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();

        services.AddAuthentication(CallerAuthentication.SchemeName)
            .AddPolicyScheme(CallerAuthentication.SchemeName, "API key or bearer token", o => o.ForwardDefaultSelector = CallerAuthentication.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicies.Operator, p => p.RequireRole(ApiRoles.Operator))
            .AddPolicy(ApiPolicies.OperatorOrResident, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Resident))
            .AddPolicy(ApiPolicies.Reader, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Processor, ApiRoles.Resident))
            .AddPolicy(ApiPolicies.OperatorOrProcessor, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Processor));
        return services;
    }
}
