using System.Net;
using MeterGrains.Api.Proxies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Hosting;

public static class ReverseProxyHostingExtensions
{
    /// <summary>Adds the known reverse proxies (<c>ReverseProxy</c>, validated at start) as the forwarded-headers options.</summary>
    public static IServiceCollection AddMeterGrainsReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; only the proxies named in configuration are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Reads <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the known proxies, first in the pipeline, so
    /// that the rate limits and the audit log see the client's address; nothing when no proxy is configured.
    /// </summary>
    public static IApplicationBuilder UseMeterGrainsForwardedHeaders(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        return proxies.Enabled ? app.UseForwardedHeaders() : app;
    }
}
