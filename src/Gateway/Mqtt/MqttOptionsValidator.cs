using System.Net;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>Validates <see cref="MqttOptions"/>; every failure names its configuration key.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    // MQTT's variable byte integer caps a packet (and so a payload) at 268,435,455 bytes.
    internal const int MaxMqttPayloadBytes = 268_435_455;

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        const string Section = MqttOptions.SectionName;

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Section}:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (options.TlsPort is < 1 or > 65535)
        {
            failures.Add($"{Section}:TlsPort must be between 1 and 65535 (was {options.TlsPort}).");
        }
        else if (options.TlsPort == options.Port)
        {
            failures.Add($"{Section}:TlsPort must differ from {Section}:Port (both are {options.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.BindAddress) || !IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"{Section}:BindAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (was '{options.BindAddress}').");
        }

        if (options.MaxPayloadBytes is < 1 or > MaxMqttPayloadBytes)
        {
            failures.Add($"{Section}:MaxPayloadBytes must be between 1 and {MaxMqttPayloadBytes} (was {options.MaxPayloadBytes}).");
        }

        if (options.Enabled && options.RequireAuthentication)
        {
            failures.Add($"{Section}:RequireAuthentication cannot be true yet: device authentication is not implemented, "
                + "and the broker will not pretend to enforce it. Set it to false or disable the broker with Mqtt:Enabled=false.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
