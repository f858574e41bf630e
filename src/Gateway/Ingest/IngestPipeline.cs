using System.Diagnostics;
using System.Threading.Channels;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Meters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Carries decoded readings from the receive path to the <see cref="IReadingSink"/> without a grain call per message.
/// </summary>
/// <remarks>
/// <para>
/// Meters are spread over worker lanes by a hash of the meter id, so one meter always uses the same lane. Each lane is a
/// bounded channel with one reader: writers wait for space when it is full (back-pressure, nothing is dropped).
/// The reader drains what is available (up to <see cref="IngestOptions.MaxDrainCount"/>), groups it by meter in arrival
/// order, and delivers each meter's batch: different meters concurrently, the same meter once per drain and drains one
/// after the other, so each meter's readings reach the sink in the order they were enqueued.
/// </para>
/// <para>
/// A failed delivery is retried with exponential backoff up to <see cref="IngestOptions.MaxDeliveryAttempts"/>, then its
/// readings are dead-lettered; a lane never stops on an error. On stop the channels are completed and drained; what is
/// still undelivered when the stop token fires is dead-lettered.
/// </para>
/// </remarks>
public sealed class IngestPipeline : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingBatch>[] _lanes;
    private readonly IReadingSink _sink;
    private readonly IDeadLetterSink _deadLetters;
    private readonly GatewayMetrics _metrics;
    private readonly IngestOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task[] _laneTasks = [];
    private int _disposed;

    /// <summary>Creates the lanes; they start delivering on <see cref="StartAsync"/>.</summary>
    public IngestPipeline(
        IReadingSink sink,
        IDeadLetterSink deadLetters,
        GatewayMetrics metrics,
        IOptions<IngestOptions> options,
        TimeProvider timeProvider,
        ILogger<IngestPipeline> logger)
    {
        _sink = sink;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        var channelOptions = new BoundedChannelOptions(_options.LaneCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        };
        _lanes = new Channel<PendingBatch>[_options.EffectiveLaneCount];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = Channel.CreateBounded<PendingBatch>(channelOptions);
        }
    }

    /// <summary>Number of worker lanes.</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>
    /// Hands one decoded message to the pipeline: its rejections are counted and dead-lettered, its readings enqueued.
    /// Completes once everything is enqueued (waiting for space when a lane is full), not when it is delivered.
    /// </summary>
    /// <param name="topic">The topic the message came on, kept with its dead letters.</param>
    /// <param name="receivedAt">The gateway's receive time of the message.</param>
    /// <param name="result">What the decoder made of it.</param>
    /// <param name="cancellationToken">Stops waiting for space; what is not enqueued yet is then not ingested.</param>
    /// <exception cref="InvalidOperationException">The pipeline is stopping and takes no more readings.</exception>
    public ValueTask SubmitAsync(string topic, DateTimeOffset receivedAt, DecodeResult result, CancellationToken cancellationToken = default) =>
        SubmitAsync(topic, receivedAt, result, delivery: null, cancellationToken);

    /// <summary>
    /// Hands one decoded message to the pipeline like <see cref="SubmitAsync(string, DateTimeOffset, DecodeResult, CancellationToken)"/>,
    /// and settles <paramref name="delivery"/> once all of its readings were delivered or dead-lettered (at once when it
    /// has none). When enqueueing fails (cancelled, pipeline closed) the delivery ends <see cref="DeliveryOutcome.Abandoned"/>.
    /// A batch with a delivery that is still undelivered when the pipeline is aborted at stop is not dead-lettered but
    /// abandoned: its receiver does not acknowledge it, and the broker delivers it again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline is stopping and takes no more readings.</exception>
    public async ValueTask SubmitAsync(
        string topic, DateTimeOffset receivedAt, DecodeResult result, MessageDelivery? delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = DeliveryOutcome.Abandoned;
        try
        {
            if (result.Rejections.Count > 0)
            {
                _metrics.ReadingsRejected(DeadLetterStage.Decode, result.Rejections.Count);
                foreach (var rejection in result.Rejections)
                {
                    await DeadLetterAsync(new DeadLetter(
                        DeadLetterStage.Decode, rejection.Reason, receivedAt, rejection.MeterId, rejection.Topic ?? topic, RawPayload: rejection.RawPayload))
                        .ConfigureAwait(false);
                }
            }

            foreach (var batch in result.Batches)
            {
                await EnqueueAsync(batch, receivedAt, delivery, cancellationToken).ConfigureAwait(false);
            }

            outcome = DeliveryOutcome.Settled;
        }
        finally
        {
            delivery?.Seal(outcome);
        }
    }

    /// <summary>Enqueues one meter's readings on the meter's lane, waiting for space when the lane is full.</summary>
    /// <exception cref="InvalidOperationException">The pipeline is stopping and takes no more readings.</exception>
    public ValueTask EnqueueAsync(MeterBatch batch, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        EnqueueAsync(batch, receivedAt, delivery: null, cancellationToken);

    private async ValueTask EnqueueAsync(MeterBatch batch, DateTimeOffset receivedAt, MessageDelivery? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Readings.Count == 0)
        {
            return;
        }

        delivery?.Expect();
        try
        {
            await _lanes[LaneOf(batch.MeterId, _lanes.Length)].Writer
                .WriteAsync(new PendingBatch(batch, receivedAt, delivery, Activity.Current?.Context ?? default), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            delivery?.Settle(DeliveryOutcome.Abandoned);
            throw;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_laneTasks.Length > 0)
        {
            throw new InvalidOperationException("The ingest pipeline is already started.");
        }

        _laneTasks = [.. _lanes.Select((lane, index) => Task.Run(() => RunLaneAsync(index, lane.Reader), CancellationToken.None))];
        _logger.PipelineStarted(_lanes.Length, _options.LaneCapacity);
        return Task.CompletedTask;
    }

    /// <summary>Takes no more readings, delivers what the lanes hold, and gives up (dead-lettering the rest) when <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abort))
        {
            // The lanes end once their channel is empty; after an abort they dead-letter instead of delivering, so this ends too.
            await Task.WhenAll(_laneTasks).ConfigureAwait(false);
        }

        _logger.PipelineStopped(_abort.IsCancellationRequested);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The container disposes this instance once per registration (itself and the hosted-service alias).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_laneTasks).ConfigureAwait(false);
        _abort.Dispose();
    }

    /// <summary>The lane of a meter: FNV-1a of the id, stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    internal static int LaneOf(string meterId, int laneCount)
    {
        var hash = 2166136261u;
        foreach (var c in meterId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)laneCount);
    }

    private async Task RunLaneAsync(int laneIndex, ChannelReader<PendingBatch> reader)
    {
        var drained = new List<PendingBatch>(Math.Min(_options.MaxDrainCount, 1024));
        var groups = new Dictionary<string, List<PendingBatch>>(StringComparer.Ordinal);
        var order = new List<string>();

        // No token here: the loop ends when the channel is completed and empty, so stopping drains it.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                drained.Clear();
                while (drained.Count < _options.MaxDrainCount && reader.TryRead(out var item))
                {
                    drained.Add(item);
                }

                groups.Clear();
                order.Clear();
                foreach (var item in drained)
                {
                    if (!groups.TryGetValue(item.Batch.MeterId, out var group))
                    {
                        groups[item.Batch.MeterId] = group = [];
                        order.Add(item.Batch.MeterId);
                    }

                    group.Add(item);
                }

                if (order.Count == 1)
                {
                    await DeliverWithRetryAsync(order[0], groups[order[0]]).ConfigureAwait(false);
                }
                else
                {
                    var deliveries = new Task[order.Count];
                    for (var i = 0; i < order.Count; i++)
                    {
                        deliveries[i] = DeliverWithRetryAsync(order[i], groups[order[i]]);
                    }

                    await Task.WhenAll(deliveries).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // DeliverWithRetryAsync handles every delivery failure; reaching this is a bug, and the lane must survive it.
                _logger.LaneIterationFailed(laneIndex, ex);
            }
        }
    }

    private async Task DeliverWithRetryAsync(string meterId, List<PendingBatch> items)
    {
        var readings = Flatten(items);
        var abort = _abort.Token;
        _metrics.Delivering(readings.Count);
        using var activity = GatewayActivities.Enabled
            ? GatewayActivities.StartDelivery(meterId, readings.Count, items.ConvertAll(static i => i.Trace))
            : null;

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                abort.ThrowIfCancellationRequested();
                var result = await _sink.DeliverAsync(meterId, readings, abort).ConfigureAwait(false);
                await RecordResultAsync(meterId, items, result).ConfigureAwait(false);
                Settle(items, DeliveryOutcome.Settled);
                return;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                await AbandonAsync(meterId, items).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt >= _options.MaxDeliveryAttempts)
            {
                _logger.DeliveryAbandoned(meterId, readings.Count, attempt, ex);
                await DeadLetterUndeliveredAsync(
                    meterId, items, $"delivery failed after {attempt} attempts: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
                Settle(items, DeliveryOutcome.Settled);
                return;
            }
            catch (Exception ex)
            {
                var delay = Backoff(attempt);
                _logger.DeliveryRetrying(meterId, readings.Count, attempt, _options.MaxDeliveryAttempts, delay, ex);
                try
                {
                    await Task.Delay(delay, _timeProvider, abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await AbandonAsync(meterId, items).ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    private async ValueTask RecordResultAsync(string meterId, List<PendingBatch> items, IngestResult result)
    {
        _metrics.ReadingsAccepted(result.Accepted);
        if (result.Rejected.Count == 0)
        {
            return;
        }

        _metrics.ReadingsRejected(DeadLetterStage.Grain, result.Rejected.Count);
        // The grain's answer does not say which message a reading came from: use the latest receive time of the batch.
        var receivedAt = items[^1].ReceivedAt;
        foreach (var rejected in result.Rejected)
        {
            await DeadLetterAsync(new DeadLetter(DeadLetterStage.Grain, rejected.Reason, receivedAt, meterId, Reading: rejected.Reading))
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The gateway stops before these were delivered: a message that can come again (it has a delivery to settle, so it
    /// was not acknowledged) is abandoned; the others are dead-lettered.
    /// </summary>
    private async ValueTask AbandonAsync(string meterId, List<PendingBatch> items)
    {
        var lost = items.FindAll(static i => i.Delivery is null);
        if (lost.Count > 0)
        {
            await DeadLetterUndeliveredAsync(meterId, lost, "the gateway stopped before the reading was delivered.").ConfigureAwait(false);
        }

        if (lost.Count < items.Count)
        {
            _logger.DeliveryAbandonedAtStop(meterId, items.Count - lost.Count);
        }

        Settle(items, DeliveryOutcome.Abandoned);
    }

    private static void Settle(List<PendingBatch> items, DeliveryOutcome outcome)
    {
        foreach (var item in items)
        {
            item.Delivery?.Settle(outcome);
        }
    }

    private async ValueTask DeadLetterUndeliveredAsync(string meterId, List<PendingBatch> items, string reason)
    {
        _metrics.ReadingsRejected(DeadLetterStage.Delivery, items.Sum(static i => i.Batch.Readings.Count));
        foreach (var item in items)
        {
            foreach (var reading in item.Batch.Readings)
            {
                await DeadLetterAsync(new DeadLetter(DeadLetterStage.Delivery, reason, item.ReceivedAt, meterId, Reading: reading))
                    .ConfigureAwait(false);
            }
        }
    }

    private async ValueTask DeadLetterAsync(DeadLetter deadLetter)
    {
        try
        {
            await _deadLetters.WriteAsync(deadLetter, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.DeadLetterWriteFailed(deadLetter.Stage, deadLetter.MeterId, deadLetter.Reason, ex);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < _options.RetryMaxDelay ? exponential : _options.RetryMaxDelay;
        // ±20 % jitter so that lanes retrying after a silo outage do not hit it in lockstep.
        return capped * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    private static IReadOnlyList<MeterReading> Flatten(List<PendingBatch> items)
    {
        if (items.Count == 1)
        {
            return items[0].Batch.Readings;
        }

        var readings = new List<MeterReading>(items.Sum(static i => i.Batch.Readings.Count));
        foreach (var item in items)
        {
            readings.AddRange(item.Batch.Readings);
        }

        return readings;
    }

    /// <summary>
    /// One enqueued message's readings for one meter, the delivery of that message to settle, if it is tracked, and the
    /// trace context it was received in (default when nobody traces).
    /// </summary>
    private readonly record struct PendingBatch(MeterBatch Batch, DateTimeOffset ReceivedAt, MessageDelivery? Delivery, ActivityContext Trace);
}
