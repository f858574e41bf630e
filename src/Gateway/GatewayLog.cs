using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway;

/// <summary>Source-generated log messages of the gateway.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1000, LogLevel.Information, "MQTT broker listening on {Address}:{Port} (authentication required: {RequireAuthentication})")]
    public static partial void BrokerStarted(this ILogger logger, string address, int port, bool requireAuthentication);

    [LoggerMessage(1009, LogLevel.Information, "MQTT over TLS off: no certificate configured (Mqtt:Tls:CertificatePath); port {TlsPort} not served")]
    public static partial void TlsEndpointOff(this ILogger logger, int tlsPort);

    [LoggerMessage(1010, LogLevel.Information,
        "MQTT over TLS listening on {Address}:{Port} with certificate {Subject} (valid until {NotAfter:u}); every client must authenticate")]
    public static partial void TlsEndpointStarted(this ILogger logger, string address, int port, string subject, DateTime notAfter);

    [LoggerMessage(1011, LogLevel.Information, "Device {DeviceId}: disconnected client {ClientId}")]
    public static partial void ClientDisconnected(this ILogger logger, string deviceId, string clientId);

    [LoggerMessage(1001, LogLevel.Information, "MQTT broker disabled (Mqtt:Enabled=false)")]
    public static partial void BrokerDisabled(this ILogger logger);

    [LoggerMessage(1002, LogLevel.Information, "MQTT broker stopped")]
    public static partial void BrokerStopped(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning,
        "MQTT broker listens on {Address} without authentication: any host that can reach port {Port} can publish readings")]
    public static partial void BrokerExposedWithoutAuthentication(this ILogger logger, string address, int port);

    [LoggerMessage(1004, LogLevel.Debug, "No decoder for topic {Topic}; message left to the broker only")]
    public static partial void NoDecoder(this ILogger logger, string topic);

    [LoggerMessage(1005, LogLevel.Error, "Decoder {Decoder} failed on a message on {Topic}")]
    public static partial void DecoderFailed(this ILogger logger, string decoder, string topic, Exception exception);

    [LoggerMessage(1006, LogLevel.Warning, "Message on {Topic} from client {ClientId} not ingested: the ingest pipeline is stopping")]
    public static partial void PipelineClosed(this ILogger logger, string topic, string? clientId);

    [LoggerMessage(1007, LogLevel.Debug, "Message on {Topic} from client {ClientId} not ingested: the client went away while it waited for space")]
    public static partial void PublishCanceled(this ILogger logger, string topic, string? clientId);

    [LoggerMessage(EventId = 1008, Message = "MQTTnet {Source}: {Message}")]
    public static partial void MqttNet(this ILogger logger, LogLevel level, string? source, string message, Exception? exception);

    [LoggerMessage(1100, LogLevel.Information, "Ingest pipeline started with {LaneCount} lanes of {LaneCapacity} messages")]
    public static partial void PipelineStarted(this ILogger logger, int laneCount, int laneCapacity);

    [LoggerMessage(1101, LogLevel.Information, "Ingest pipeline stopped (stop deadline reached: {Aborted})")]
    public static partial void PipelineStopped(this ILogger logger, bool aborted);

    [LoggerMessage(1102, LogLevel.Warning,
        "Delivery of {Count} readings to meter {MeterId} failed ({Failures} of {MaxAttempts} attempts); retrying in {Delay}")]
    public static partial void DeliveryRetrying(this ILogger logger, string meterId, int count, int failures, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(1103, LogLevel.Error, "Delivery of {Count} readings to meter {MeterId} abandoned after {Attempts} attempts; readings dead-lettered")]
    public static partial void DeliveryAbandoned(this ILogger logger, string meterId, int count, int attempts, Exception exception);

    [LoggerMessage(1104, LogLevel.Error, "Ingest lane {Lane} failed an iteration; it continues")]
    public static partial void LaneIterationFailed(this ILogger logger, int lane, Exception exception);

    [LoggerMessage(1105, LogLevel.Error, "Could not write a dead letter ({Stage}, meter {MeterId}): {Reason}")]
    public static partial void DeadLetterWriteFailed(this ILogger logger, DeadLetterStage stage, string? meterId, string reason, Exception exception);

    [LoggerMessage(1106, LogLevel.Warning,
        "Dead letter ({Stage}) meter {MeterId} topic {Topic}: {Reason} (reading at {ReadingTimestamp}, raw {RawPayload})")]
    public static partial void DeadLetter(
        this ILogger logger, DeadLetterStage stage, string? meterId, string? topic, string reason, DateTimeOffset? readingTimestamp, string? rawPayload);

    [LoggerMessage(1107, LogLevel.Information,
        "{Count} messages for meter {MeterId} were not delivered before the gateway stopped; left unacknowledged for the broker to deliver again")]
    public static partial void DeliveryAbandonedAtStop(this ILogger logger, string meterId, int count);

    [LoggerMessage(1108, LogLevel.Warning,
        "Meter {MeterId} is unreachable (its silo is gone or leaving); {Count} readings retried in {Delay} (attempt {Attempt}, for up to {Timeout})")]
    public static partial void MeterUnreachable(this ILogger logger, string meterId, int count, int attempt, TimeSpan delay, TimeSpan timeout, Exception exception);

    [LoggerMessage(1200, LogLevel.Warning,
        "{Count} readings assembled by decoder {Decoder} were not ingested: the gateway stopped before they could be enqueued")]
    public static partial void AssembledReadingsLost(this ILogger logger, string decoder, int count, Exception exception);

    [LoggerMessage(1201, LogLevel.Error, "Releasing {Count} readings assembled by decoder {Decoder} failed")]
    public static partial void ReleaseFailed(this ILogger logger, string decoder, int count, Exception exception);

    [LoggerMessage(1300, LogLevel.Information,
        "Connected to MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent}); subscribed to {Filters}")]
    public static partial void ExternalBrokerConnected(this ILogger logger, string host, int port, string clientId, bool sessionPresent, string filters);

    [LoggerMessage(1301, LogLevel.Warning, "Could not connect to MQTT broker {Host}:{Port} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ExternalBrokerConnectFailed(this ILogger logger, string host, int port, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(1302, LogLevel.Warning, "Lost the connection to MQTT broker {Host}:{Port} ({Reason}); unacknowledged messages come again after reconnecting")]
    public static partial void ExternalBrokerDisconnected(this ILogger logger, string host, int port, string reason, Exception? exception);

    [LoggerMessage(1303, LogLevel.Error, "MQTT broker {Host}:{Port} refused the subscription to {Filter}: {ResultCode}")]
    public static partial void ExternalSubscriptionRefused(this ILogger logger, string host, int port, string filter, string resultCode);

    [LoggerMessage(1304, LogLevel.Warning, "MQTT broker {Host}:{Port} granted {Filter} below QoS 1 ({ResultCode}): its messages are at most once")]
    public static partial void ExternalSubscriptionDowngraded(this ILogger logger, string host, int port, string filter, string resultCode);

    [LoggerMessage(1305, LogLevel.Debug, "Message on {Topic} not acknowledged: {Reason}; the broker delivers it again")]
    public static partial void ExternalMessageNotAcknowledged(this ILogger logger, string topic, string reason);

    [LoggerMessage(1306, LogLevel.Warning, "Acknowledging a message on {Topic} failed; the broker delivers it again")]
    public static partial void ExternalAcknowledgeFailed(this ILogger logger, string topic, Exception exception);

    [LoggerMessage(1307, LogLevel.Information, "Disconnected from MQTT broker {Host}:{Port}; the session of {ClientId} is kept by the broker")]
    public static partial void ExternalBrokerStopped(this ILogger logger, string host, int port, string clientId);

    [LoggerMessage(1308, LogLevel.Warning, "{Count} received messages were still being delivered when the gateway stopped; they stay unacknowledged")]
    public static partial void ExternalUnsettledAtStop(this ILogger logger, int count);
}
