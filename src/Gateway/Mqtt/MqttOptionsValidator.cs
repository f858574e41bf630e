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

        if (options.DeviceCacheSeconds is < 0 or > 3600)
        {
            failures.Add($"{Section}:DeviceCacheSeconds must be between 0 and 3600 (was {options.DeviceCacheSeconds}).");
        }

        ValidateTls(options.Tls ?? new MqttTlsOptions(), options.Enabled, failures);
        ValidateDeviceLimits(options.DeviceLimits ?? new DeviceLimitsOptions(), failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateDeviceLimits(DeviceLimitsOptions limits, List<string> failures)
    {
        const string Section = DeviceLimitsOptions.SectionName;
        if (!double.IsFinite(limits.MessagesPerSecond) || limits.MessagesPerSecond is < 0 or > 100_000)
        {
            failures.Add($"{Section}:MessagesPerSecond must be between 0 (no limit) and 100000 (was {limits.MessagesPerSecond}).");
        }

        if (limits.Burst is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:Burst must be between 1 and 1000000 (was {limits.Burst}).");
        }

        if (limits.MaxPayloadBytes is < 1 or > MaxMqttPayloadBytes)
        {
            failures.Add($"{Section}:MaxPayloadBytes must be between 1 and {MaxMqttPayloadBytes} (was {limits.MaxPayloadBytes}).");
        }
    }

    private static void ValidateTls(MqttTlsOptions tls, bool brokerEnabled, List<string> failures)
    {
        const string Section = MqttTlsOptions.SectionName;
        if (string.IsNullOrWhiteSpace(tls.BindAddress) || !IPAddress.TryParse(tls.BindAddress, out _))
        {
            failures.Add($"{Section}:BindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1 (was '{tls.BindAddress}').");
        }

        if (string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            if (!string.IsNullOrWhiteSpace(tls.KeyPath))
            {
                failures.Add($"{Section}:KeyPath is set but {Section}:CertificatePath is not; set both (PEM) or only CertificatePath (PFX).");
            }

            return;
        }

        if (!brokerEnabled)
        {
            return;
        }

        // Loading it now makes a missing file, a wrong password or a certificate without its key fail the start, naming the key.
        try
        {
            using var certificate = TlsCertificateLoader.Load(tls);
            if (!certificate.HasPrivateKey)
            {
                failures.Add($"{Section}:CertificatePath '{tls.CertificatePath}' has no private key; give it in the file, or in {Section}:KeyPath.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            failures.Add($"{Section}:CertificatePath '{tls.CertificatePath}' (key {tls.KeyPath ?? "in the same file"}) cannot be loaded: {ex.Message}");
        }
    }
}
