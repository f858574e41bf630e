namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Settings of the embedded MQTT broker, bound from the <c>Mqtt</c> configuration section
/// (interfaces.md, "Default ports of a local run").
/// </summary>
public sealed class MqttOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mqtt";

    /// <summary>Whether this process runs the embedded broker. Default <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Plain (non-TLS) MQTT port. Default 1883.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// IP address the plain endpoint listens on. Default <c>127.0.0.1</c> (loopback only);
    /// <c>0.0.0.0</c> listens on every IPv4 interface, an IPv6 address (e.g. <c>::1</c>) on IPv6 only.
    /// </summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// MQTT over TLS port. Default 8883. Served only when <see cref="MqttTlsOptions.CertificatePath"/> is set; clients
    /// on it must always authenticate, whatever <see cref="RequireAuthentication"/> says.
    /// </summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>The TLS endpoint's certificate and address (<c>Mqtt:Tls</c>).</summary>
    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>Per-device message-rate and payload-size limits (<c>Mqtt:DeviceLimits</c>).</summary>
    public DeviceLimitsOptions DeviceLimits { get; set; } = new();

    /// <summary>Largest accepted payload in bytes; a larger one is rejected whole. Default 65536 (64 KiB, domain.md).</summary>
    public int MaxPayloadBytes { get; set; } = 65536;

    /// <summary>
    /// Whether clients of the plain port must authenticate with the credentials of a registered device
    /// (<c>POST /api/v1/devices</c>). Default <c>true</c>; the Development profile (appsettings.Development.json)
    /// sets <c>false</c>. A client that does present credentials is checked, and held to its device's topics, either way.
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>
    /// How long, in seconds, a device's registry entry (or the fact that an id is unknown) is cached by the broker, so that
    /// reconnects do not read the database each time. It bounds how long another gateway process keeps admitting a revoked
    /// device's new connections. Default 30.
    /// </summary>
    public int DeviceCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Whether the embedded broker acknowledges a QoS 1 publish only after its readings were stored by their meter grains
    /// (or dead-lettered), instead of once they are enqueued. Default <c>true</c>: a QoS 1 message the broker acknowledged
    /// is never lost. MQTTnet's broker sends the PUBACK when its publish interceptor returns and reads the client's next
    /// packet only after that, so each client connection has one message in flight at a time: right for devices (one
    /// connection each, a message every few seconds); one connection carrying many meters (a bridge, the simulator) is
    /// limited to one storage round trip per message and may turn this off, trading the guarantee for throughput.
    /// </summary>
    public bool AcknowledgeAfterStore { get; set; } = true;
}
