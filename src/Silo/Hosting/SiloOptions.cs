using System.Net;
using Microsoft.Extensions.Options;

namespace MeterGrains.Silo.Hosting;

/// <summary>Where this silo sits in the cluster (configuration section <c>Orleans</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster (<c>Orleans:ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "metergrains";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it (<c>Orleans:ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "metergrains";

    /// <summary>Port for silo-to-silo traffic (<c>Orleans:SiloPort</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (<c>Orleans:GatewayPort</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; on Kubernetes the pod IP (<c>Orleans:AdvertisedAddress</c>).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only the advertised address (<c>Orleans:ListenOnAnyAddress</c>).</summary>
    public bool ListenOnAnyAddress { get; set; }
}

/// <summary>Refuses silo settings that cannot work, naming the key.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId must not be empty.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:SiloPort must be between 1 and 65535 (is {options.SiloPort}).");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:GatewayPort must be between 1 and 65535 (is {options.GatewayPort}).");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"Orleans:AdvertisedAddress must be an IP address (is '{options.AdvertisedAddress}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
