using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Registry;

/// <summary>How this gateway reports itself to the gateway registry (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayRegistrationOptions
{
    public const string SectionName = "Gateway";

    /// <summary>How often the gateway reports (<c>Gateway:HeartbeatInterval</c>, default 10 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The host name meters reach this gateway at (<c>Gateway:AdvertisedHost</c>), e.g. the DNS name of its Kubernetes
    /// Service. Default: the broker's bind address, or the machine name when it listens on every interface.
    /// </summary>
    public string? AdvertisedHost { get; set; }
}

/// <summary>Refuses a registration configuration that cannot work, naming the key.</summary>
public sealed class GatewayRegistrationOptionsValidator : IValidateOptions<GatewayRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayRegistrationOptions options) =>
        options.HeartbeatInterval < TimeSpan.FromSeconds(1) || options.HeartbeatInterval > TimeSpan.FromMinutes(10)
            ? ValidateOptionsResult.Fail("Gateway:HeartbeatInterval must be between 00:00:01 and 00:10:00.")
            : ValidateOptionsResult.Success;
}
