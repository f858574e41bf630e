using System.Net;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Proxies;

/// <summary>Refuses proxy addresses and networks that do not parse, and forward limits out of range, naming the key.</summary>
public sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    /// <summary>More proxies than this in a row is a misconfiguration rather than a deployment.</summary>
    public const int MaxForwardLimit = 10;

    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{ReverseProxyOptions.SectionName}:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IsNetwork(options.KnownNetworks[i]))
            {
                failures.Add($"{ReverseProxyOptions.SectionName}:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation (such as 10.244.0.0/16), with no bits set after the prefix.");
            }
        }

        if (options.ForwardLimit is < 1 or > MaxForwardLimit)
        {
            failures.Add($"{ReverseProxyOptions.SectionName}:ForwardLimit must be from 1 to {MaxForwardLimit} (is {options.ForwardLimit}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // IPNetwork.TryParse may take 10.244.0.1/16 as 10.244.0.0/16; such an entry is more likely a typo for one address or
    // for the network, so the address given must be the network's own.
    private static bool IsNetwork(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && IPNetwork.TryParse(text, out var network)
            && IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            && address.Equals(network.BaseAddress);
    }
}
