using System.Buffers;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>
/// Device authentication and the topic ACL of the embedded broker (interfaces.md): a client that must authenticate (every
/// client of the TLS port; every client of the plain port when <see cref="MqttOptions.RequireAuthentication"/> is on) or
/// that presents credentials anyway is admitted only as a registered device, publishes only under its own topics, feeds
/// only its own meters and subscribes only to its own command topics.
/// </summary>
/// <remarks>
/// The registry is read when a client connects (cached, <see cref="DeviceAuthenticator"/>); per message only the
/// <see cref="DeviceGrant"/> kept in the session is consulted. Every refusal is audited three ways: a warning in the
/// log, a dead letter of stage <c>auth</c> (who, what, topic, when) and the <c>metergrains.mqtt.refusals</c> counter.
/// </remarks>
public sealed class MqttAccessControl(
    DeviceAuthenticator authenticator,
    DeviceLimiter limiter,
    IDeadLetterSink deadLetters,
    GatewayMetrics metrics,
    IOptions<MqttOptions> options,
    TimeProvider clock,
    ILogger<MqttAccessControl> logger)
{
    private const string GrantKey = "MeterGrains.DeviceGrant";
    private readonly bool _requireAuthentication = options.Value.RequireAuthentication;

    /// <summary>Admits or refuses a connecting client (MQTTnet <c>ValidatingConnectionAsync</c>).</summary>
    public async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        var mustAuthenticate = _requireAuthentication || args.IsSecureConnection;
        if (string.IsNullOrEmpty(args.UserName) && !mustAuthenticate)
        {
            // Anonymous on the plain port with authentication off (development). A client may leave its id empty and let
            // the broker choose one (MQTT 3.1.1 with a clean session, MQTT 5): mosquitto_pub without -i does.
            if (string.IsNullOrEmpty(args.ClientId))
            {
                args.AssignedClientIdentifier = $"anonymous-{Guid.NewGuid():N}";
            }

            return;
        }

        var who = $"client '{args.ClientId}' from {args.RemoteEndPoint}";
        if (string.IsNullOrEmpty(args.UserName))
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            await AuditAsync("connect", $"{who}: no credentials; this endpoint requires a registered device's user name and password", null, null);
            return;
        }

        var outcome = await authenticator.AuthenticateAsync(args.UserName, args.RawPassword ?? [], args.CancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            args.ReasonCode = outcome.StoreUnavailable ? MqttConnectReasonCode.ServerUnavailable : MqttConnectReasonCode.BadUserNameOrPassword;
            await AuditAsync("connect", $"{who}: {outcome.Failure}", null, null);
            return;
        }

        var grant = outcome.Grant;
        if (string.IsNullOrEmpty(args.ClientId))
        {
            args.AssignedClientIdentifier = $"{grant.DeviceId}/{Guid.NewGuid():N}";
        }
        else if (!grant.OwnsClientId(args.ClientId))
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            args.ReasonString = $"the client id must be '{grant.DeviceId}' or start with '{grant.DeviceId}/'";
            await AuditAsync("connect", $"{who}: device '{grant.DeviceId}' used a client id that is not its own ({args.ReasonString})", null, null);
            return;
        }

        args.SessionItems[GrantKey] = grant;
    }

    /// <summary>The device a session authenticated as, or null for an anonymous one.</summary>
    public static string? DeviceOf(System.Collections.IDictionary? sessionItems) => sessionItems?[GrantKey] is DeviceGrant grant ? grant.DeviceId : null;

    /// <summary>True when the message comes from an authenticated device.</summary>
    public static bool IsDevice(InterceptingPublishEventArgs args) => args.SessionItems?[GrantKey] is DeviceGrant;

    /// <summary>
    /// Refuses a publish outside the sender's own topics (MQTTnet <c>InterceptingPublishAsync</c>, before decoding).
    /// Returns the sender's grant (null for an anonymous client or the broker itself) and whether the message may go on.
    /// </summary>
    /// <remarks>MQTT 5 clients get PUBACK reason <c>NotAuthorized</c>; MQTT 3.1.1 has no PUBACK reason, so theirs is acknowledged and dropped.</remarks>
    public async ValueTask<(DeviceGrant? Grant, bool Allowed)> AuthorizePublishAsync(InterceptingPublishEventArgs args)
    {
        if (args.SessionItems?[GrantKey] is not DeviceGrant grant)
        {
            return (null, true);
        }

        var message = args.ApplicationMessage;
        var topic = message.Topic ?? string.Empty;
        string? refusal = null;
        if (!grant.MayPublish(topic))
        {
            refusal = $"device '{grant.DeviceId}' (client '{args.ClientId}') may not publish to '{topic}'; its topics are {string.Join(", ", grant.PublishFilters)}";
        }
        else if (grant.Family == DeviceFamily.ShellyGen2 && topic == $"{grant.DeviceId}/events/rpc" && !ShellyGen2Source.IsAbsentOrEqual(message.Payload, grant.DeviceId))
        {
            refusal = $"device '{grant.DeviceId}' (client '{args.ClientId}') published a notification whose 'src' is another device";
        }

        if (refusal is null)
        {
            var limit = limiter.Check(grant.DeviceId, message.Payload.Length);
            if (limit.Refusal is null)
            {
                return (grant, true);
            }

            // Over its limits: refused with QuotaExceeded; a flood is audited once per second, and counted in full.
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            args.Response.ReasonString = "over this device's message-rate or payload-size limit";
            metrics.Refused("limit");
            if (limit.Audit)
            {
                logger.AccessRefused("publish", limit.Refusal);
                await WriteAsync("publish", new DeadLetter(
                    DeadLetterStage.Limit, $"publish refused: {limit.Refusal} (client '{args.ClientId}')", clock.GetUtcNow(), Topic: topic,
                    RawPayload: PayloadExcerpt.Of(message.Payload)));
            }

            return (grant, false);
        }

        args.ProcessPublish = false;
        args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        args.Response.ReasonString = "not authorized for this topic";
        await AuditAsync("publish", refusal, topic, PayloadExcerpt.Of(message.Payload));
        return (grant, false);
    }

    /// <summary>Refuses a subscription outside the subscriber's command topics (MQTTnet <c>InterceptingSubscriptionAsync</c>).</summary>
    public async Task AuthorizeSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        if (args.SessionItems?[GrantKey] is not DeviceGrant grant)
        {
            return;
        }

        var filter = args.TopicFilter.Topic ?? string.Empty;
        if (grant.MaySubscribe(filter))
        {
            return;
        }

        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        args.Response.ReasonString = "not authorized for this topic filter";
        await AuditAsync("subscribe",
            $"device '{grant.DeviceId}' (client '{args.ClientId}') may not subscribe to '{filter}'; its command topics are {string.Join(", ", grant.SubscribeFilters)}",
            filter, null);
    }

    /// <summary>
    /// Drops the readings and presence reports of meters <paramref name="grant"/> may not feed (a decoder that takes a
    /// meter id from the payload rather than the topic could name one), auditing each; the rest of <paramref name="result"/> stays.
    /// </summary>
    public async ValueTask<DecodeResult> KeepOwnMetersAsync(DeviceGrant grant, DecodeResult result, string topic, DateTimeOffset receivedAt)
    {
        if (result.Batches.All(b => grant.MayFeed(b.MeterId)) && result.PresenceReports.All(r => grant.MayFeed(r.MeterId)))
        {
            return result;
        }

        var kept = new List<MeterBatch>(result.Batches.Count);
        foreach (var batch in result.Batches)
        {
            if (grant.MayFeed(batch.MeterId))
            {
                kept.Add(batch);
                continue;
            }

            metrics.ReadingsRejected(DeadLetterStage.Auth, batch.Readings.Count);
            var reason = $"device '{grant.DeviceId}' may not feed meter '{batch.MeterId}'";
            logger.AccessRefused("publish", reason);
            foreach (var reading in batch.Readings)
            {
                await WriteAsync("publish", new DeadLetter(DeadLetterStage.Auth, reason, receivedAt, batch.MeterId, topic, reading));
            }
        }

        var keptReports = new List<MeterPresenceReport>(result.PresenceReports.Count);
        foreach (var report in result.PresenceReports)
        {
            if (grant.MayFeed(report.MeterId))
            {
                keptReports.Add(report);
                continue;
            }

            var reason = $"device '{grant.DeviceId}' may not report the presence of meter '{report.MeterId}'";
            logger.AccessRefused("publish", reason);
            await WriteAsync("publish", new DeadLetter(DeadLetterStage.Auth, reason, receivedAt, report.MeterId, topic));
        }

        return result with { Batches = kept, PresenceReports = keptReports };
    }

    private async ValueTask AuditAsync(string action, string reason, string? topic, string? rawPayload)
    {
        metrics.Refused(action);
        logger.AccessRefused(action, reason);
        await WriteAsync(action, new DeadLetter(DeadLetterStage.Auth, $"{action} refused: {reason}", clock.GetUtcNow(), Topic: topic, RawPayload: rawPayload));
    }

    private ValueTask WriteAsync(string action, DeadLetter letter)
    {
        try
        {
            // Queued, not awaited to disk: the refused message is not acknowledged as taken, so nothing is lost while the
            // audit row is on its way, and this client's next packet does not wait on the database.
            _ = deadLetters.WriteAsync(letter);
        }
        catch (Exception ex)
        {
            logger.AuditFailed(action, letter.Reason, ex);
        }

        return ValueTask.CompletedTask;
    }
}
