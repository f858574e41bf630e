namespace MeterGrains.Api.Proxies;

/// <summary>
/// The reverse proxies in front of the API role (configuration section <c>ReverseProxy</c>) whose <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c> headers are believed. With none listed (the default) the headers are ignored and a
/// caller is known by the TCP peer's address: a header anybody can send must not choose the rate-limit bucket or the
/// address in the audit log.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies (<c>ReverseProxy:KnownProxies:0</c>, …), such as <c>10.0.0.5</c> or <c>fd00::5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (<c>ReverseProxy:KnownNetworks:0</c>, …), such as a pod network <c>10.244.0.0/16</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many proxies a request passes, the nearest first (<c>ReverseProxy:ForwardLimit</c>, 1–10; default 1): the
    /// client is the address that many entries from the end of <c>X-Forwarded-For</c>, each proxy on the way being known.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when any proxy is listed, so that forwarded headers are read at all.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
