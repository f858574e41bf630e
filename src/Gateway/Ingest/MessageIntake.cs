using System.Buffers;
using System.Diagnostics;
using MeterGrains.Gateway.Decoding;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// What every MQTT receive path does with one message: find its decoder, decode it, and hand the result to the
/// <see cref="IngestPipeline"/>. Shared by the embedded broker and the external-broker subscriber.
/// </summary>
public sealed class MessageIntake(DecoderRegistry decoders, IngestPipeline pipeline, GatewayMetrics metrics, TimeProvider timeProvider, ILogger<MessageIntake> logger)
{
    /// <summary>
    /// Decodes the message and submits it, waiting for lane space (back-pressure) but not for delivery; follow
    /// <paramref name="delivery"/> for that. Returns <c>false</c> when no decoder handles <paramref name="topic"/>
    /// (then <paramref name="delivery"/> is left untouched).
    /// </summary>
    /// <remarks>The payload is decoded before the first await: a receive buffer only valid during the caller's handler is fine.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting for space.</exception>
    /// <exception cref="System.Threading.Channels.ChannelClosedException">The pipeline is stopping.</exception>
    /// <param name="topic">The message's topic.</param>
    /// <param name="payload">The message's payload.</param>
    /// <param name="delivery">Told when the message's readings are stored or dead-lettered; null when nobody waits.</param>
    /// <param name="cancellationToken">Stops waiting for lane space.</param>
    /// <param name="screen">Applied to the decoded result before it is submitted (e.g. a device's own meters only); null for none.</param>
    public ValueTask<bool> SubmitAsync(
        string? topic, ReadOnlySequence<byte> payload, MessageDelivery? delivery, CancellationToken cancellationToken,
        Func<DecodeResult, string, DateTimeOffset, ValueTask<DecodeResult>>? screen = null)
    {
        if (string.IsNullOrEmpty(topic) || !decoders.TryGetDecoder(topic, out var decoder))
        {
            logger.NoDecoder(topic ?? string.Empty);
            return ValueTask.FromResult(false);
        }

        var receivedAt = timeProvider.GetUtcNow();
        metrics.MessageReceived(decoder.Name);

        // The span is current for the enqueue (the pipeline keeps its context with the readings), not for our caller.
        var callersActivity = Activity.Current;
        var activity = GatewayActivities.StartReceive(topic, decoder.Name);
        try
        {
            DecodeResult result;
            try
            {
                result = decoders.Decode(decoder, topic, payload, receivedAt);
            }
            catch (Exception ex)
            {
                logger.DecoderFailed(decoder.Name, topic, ex);
                result = DecodeResult.Rejected(new DecodeRejection($"decoder {decoder.Name} failed: {ex.GetType().Name}: {ex.Message}"));
            }

            return SubmitDecodedAsync(topic, receivedAt, result, delivery, screen, activity, cancellationToken);
        }
        finally
        {
            Activity.Current = callersActivity;
        }
    }

    private async ValueTask<bool> SubmitDecodedAsync(
        string topic, DateTimeOffset receivedAt, DecodeResult result, MessageDelivery? delivery,
        Func<DecodeResult, string, DateTimeOffset, ValueTask<DecodeResult>>? screen, Activity? activity, CancellationToken cancellationToken)
    {
        using (activity)
        {
            if (screen is not null)
            {
                result = await screen(result, topic, receivedAt).ConfigureAwait(false);
            }

            await pipeline.SubmitAsync(topic, receivedAt, result, delivery, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
