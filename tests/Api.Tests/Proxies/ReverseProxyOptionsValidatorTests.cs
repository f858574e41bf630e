using MeterGrains.Api.Proxies;

namespace MeterGrains.Api.Tests.Proxies;

public sealed class ReverseProxyOptionsValidatorTests
{
    private static readonly ReverseProxyOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid_and_read_no_forwarded_headers()
    {
        var options = new ReverseProxyOptions();
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void Addresses_and_networks_of_both_families_are_valid()
    {
        var options = new ReverseProxyOptions { KnownProxies = ["10.0.0.5", "fd00::5"], KnownNetworks = ["10.244.0.0/16", "fd00::/8"], ForwardLimit = 2 };
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void A_bad_address_a_bad_network_and_a_zero_limit_fail_naming_their_keys()
    {
        // 10.244.0.1/16 has bits set after its prefix: a typo for 10.244.0.0/16 or for one address.
        var options = new ReverseProxyOptions { KnownProxies = ["10.0.0.5", "proxy.local"], KnownNetworks = ["10.244.0.1/16", "10.0.0.0"], ForwardLimit = 0 };
        var failures = Validator.Validate(null, options).Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.StartsWith("ReverseProxy:KnownProxies:1 'proxy.local' is not an IP address", failures[0]);
        Assert.StartsWith("ReverseProxy:KnownNetworks:0 '10.244.0.1/16' is not a network in CIDR notation", failures[1]);
        Assert.StartsWith("ReverseProxy:KnownNetworks:1 '10.0.0.0' is not a network", failures[2]);
        Assert.StartsWith("ReverseProxy:ForwardLimit must be from 1 to 10 (is 0)", failures[3]);
    }
}
