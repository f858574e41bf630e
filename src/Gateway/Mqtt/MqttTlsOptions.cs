namespace MeterGrains.Gateway.Mqtt;

/// <summary>The TLS endpoint of the embedded broker on <see cref="MqttOptions.TlsPort"/>, bound from <c>Mqtt:Tls</c>.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>The configuration section, for messages.</summary>
    public const string SectionName = "Mqtt:Tls";

    /// <summary>
    /// The server certificate: a PKCS#12 file (<c>.pfx</c> / <c>.p12</c>, with its key) or a PEM certificate
    /// (its key in the same file or in <see cref="KeyPath"/>). Unset (the default): no TLS endpoint.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// IP address the TLS endpoint listens on. Default <c>0.0.0.0</c> (every IPv4 interface): devices connect from the
    /// network, and every client of this endpoint must authenticate.
    /// </summary>
    public string BindAddress { get; set; } = "0.0.0.0";
}
