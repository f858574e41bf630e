namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// The gateway as a client of an external MQTT 5 broker (Mosquitto, EMQX), bound from the <c>Mqtt:External</c>
/// configuration section. Works instead of or besides the embedded broker (<see cref="MqttOptions.Enabled"/>).
/// </summary>
public sealed class ExternalBrokerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mqtt:External";

    /// <summary>Whether this gateway subscribes to an external broker. Default <c>false</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Host name or IP address of the broker. Required when <see cref="Enabled"/>.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The broker's port. Default 0: 1883, or 8883 with <see cref="UseTls"/>.</summary>
    public int Port { get; set; }

    /// <summary>Whether to connect with TLS (the broker's certificate must be trusted by the machine). Default <c>false</c>.</summary>
    public bool UseTls { get; set; }

    /// <summary>User name to authenticate with; none when empty.</summary>
    public string? Username { get; set; }

    /// <summary>Password to authenticate with; needs <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The MQTT client id, which names this gateway's persistent session on the broker: it must be stable across restarts
    /// of one gateway and differ between gateways. Default (empty): <c>metergrains-gateway-</c> and the machine name
    /// (the pod name on Kubernetes).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// When set, every topic filter is subscribed as the MQTT 5 shared subscription <c>$share/{group}/{filter}</c>, so that
    /// the gateways of one group split the messages between them. Empty (default): each gateway receives everything.
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>
    /// How long the broker keeps this gateway's session (its subscriptions and the QoS 1 messages that arrive for it)
    /// while the gateway is away. Default 1 day. The broker may cap it (EMQX: <c>session_expiry_interval</c>) and bounds
    /// the messages it queues (Mosquitto: <c>max_queued_messages</c>, 1000 by default).
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Most unacknowledged QoS 1 messages the broker may send this gateway at once (MQTT 5 Receive Maximum). Default 1000.
    /// A message is acknowledged only once its readings are stored, so this bounds the messages in flight. Mosquitto
    /// also applies its own <c>max_inflight_messages</c> (20 by default) to what it sends.
    /// </summary>
    public int ReceiveMaximum { get; set; } = 1000;

    /// <summary>Delay before the first reconnection attempt; doubled after each failed one. Default 1 s.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnection attempts. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The port in effect: <see cref="Port"/>, or 1883 (8883 with TLS) when it is 0.</summary>
    public int EffectivePort => Port != 0 ? Port : UseTls ? 8883 : 1883;

    /// <summary>The client id in effect: <see cref="ClientId"/>, or one made of the machine name.</summary>
    public string EffectiveClientId => string.IsNullOrWhiteSpace(ClientId) ? $"metergrains-gateway-{Environment.MachineName}" : ClientId;
}
