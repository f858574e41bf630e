using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>Validates <see cref="ExternalBrokerOptions"/> when they are enabled; every failure names its configuration key.</summary>
internal sealed class ExternalBrokerOptionsValidator : IValidateOptions<ExternalBrokerOptions>
{
    // MQTT 5 carries the session expiry interval as a four-byte integer of seconds (0xFFFFFFFF: never expires).
    private static readonly TimeSpan MaxSessionExpiry = TimeSpan.FromSeconds(uint.MaxValue);

    public ValidateOptionsResult Validate(string? name, ExternalBrokerOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        const string Section = ExternalBrokerOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"{Section}:Host must be the broker's host name or IP address, without scheme or port (was '{options.Host}').");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{Section}:Port must be between 1 and 65535, or 0 for 1883 (8883 with TLS) (was {options.Port}).");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.Username))
        {
            failures.Add($"{Section}:Password is set but {Section}:Username is not.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !IsValidClientId(options.ClientId))
        {
            failures.Add($"{Section}:ClientId must be 1 to 128 characters without spaces, '+', '#' or '/' (was '{options.ClientId}').");
        }

        if (options.SharedSubscriptionGroup is { Length: > 0 } group && !IsValidShareName(group))
        {
            failures.Add($"{Section}:SharedSubscriptionGroup must be 1 to 64 characters without spaces, '+', '#' or '/' (was '{group}').");
        }

        if (options.SessionExpiry < TimeSpan.FromSeconds(1) || options.SessionExpiry > MaxSessionExpiry)
        {
            failures.Add($"{Section}:SessionExpiry must be between 00:00:01 and {MaxSessionExpiry} (was {options.SessionExpiry}): "
                + "without a session the broker keeps nothing while the gateway is away.");
        }

        if (options.ReceiveMaximum is < 1 or > ushort.MaxValue)
        {
            failures.Add($"{Section}:ReceiveMaximum must be between 1 and {ushort.MaxValue} (was {options.ReceiveMaximum}).");
        }

        if (options.ReconnectDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:ReconnectDelay must be positive (was {options.ReconnectDelay}).");
        }

        if (options.ReconnectMaxDelay < options.ReconnectDelay)
        {
            failures.Add($"{Section}:ReconnectMaxDelay must be at least {Section}:ReconnectDelay (was {options.ReconnectMaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidClientId(string clientId) => clientId.Length <= 128 && IsPlainName(clientId);

    // MQTT 5, 4.8.2: a ShareName must not contain "/", "+" or "#".
    private static bool IsValidShareName(string group) => group.Length <= 64 && IsPlainName(group);

    private static bool IsPlainName(string value) =>
        !value.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '+' or '#' or '/');
}
