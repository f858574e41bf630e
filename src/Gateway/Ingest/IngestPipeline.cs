using System.Diagnostics;
using System.Threading.Channels;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Meters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Carries decoded readings (and devices' presence reports) from the receive path to the <see cref="IReadingSink"/>
/// without a grain call per message.
/// </summary>
/// <remarks>
/// <para>
/// Meters are spread over worker lanes by a hash of the meter id, so one meter always uses the same lane. Each lane is a
/// bounded channel with one reader: writers wait for space when it is full (back-pressure, nothing is dropped).
/// The reader drains what is available (up to <see cref="IngestOptions.MaxDrainCount"/>), groups it by meter in arrival
/// order, and delivers each meter's batch: different meters concurrently, the same meter once per drain and drains one
/// after the other, so each meter's readings reach the sink in the order they were enqueued. A presence report travels
/// the meter's lane too and is handed over after the readings of the same drain.
/// </para>
/// <para>
/// A failed delivery is retried with exponential backoff up to <see cref="IngestOptions.MaxDeliveryAttempts"/>, then its
/// readings are dead-lettered; a lane never stops on an error. A meter the sink cannot reach for now (its silo died or
/// is leaving) is retried for up to <see cref="IngestOptions.UnreachableRetryTimeout"/> instead: dead-lettering would
/// acknowledge a good reading that only has to wait for its meter to activate elsewhere. On stop the channels are
/// completed and drained; what is still undelivered when the stop token fires is dead-lettered.
/// </para>
/// </remarks>
public sealed class IngestPipeline : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingItem>[] _lanes;
    private readonly IReadingSink _sink;
    private readonly IDeadLetterSink _deadLetters;
    private readonly GatewayMetrics _metrics;
    private readonly IngestOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IngestPipeline> _logger;
    private static readonly Task<bool> Stored = Task.FromResult(true);
    private static readonly Task<bool> NotStored = Task.FromResult(false);

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
        _lanes = new Channel<PendingItem>[_options.EffectiveLaneCount];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = Channel.CreateBounded<PendingItem>(channelOptions);
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
                    var stored = DeadLetterAsync(new DeadLetter(
                        DeadLetterStage.Decode, rejection.Reason, receivedAt, rejection.MeterId, rejection.Topic ?? topic, RawPayload: rejection.RawPayload));
                    if (delivery is not null)
                    {
                        // The message is acknowledged only once its refusal is on disk, not when it is merely queued.
                        delivery.Expect();
                        SettleWhenStored(delivery, stored);
                    }
                }
            }

            foreach (var batch in result.Batches)
            {
                await EnqueueAsync(batch, receivedAt, delivery, cancellationToken).ConfigureAwait(false);
            }

            foreach (var report in result.PresenceReports)
            {
                await EnqueueAsync(new PendingItem(report.MeterId, [], report.Presence, receivedAt, delivery, Activity.Current?.Context ?? default), cancellationToken).ConfigureAwait(false);
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

    private ValueTask EnqueueAsync(MeterBatch batch, DateTimeOffset receivedAt, MessageDelivery? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Readings.Count == 0
            ? ValueTask.CompletedTask
            : EnqueueAsync(new PendingItem(batch.MeterId, batch.Readings, Presence: null, receivedAt, delivery, Activity.Current?.Context ?? default), cancellationToken);
    }

    private async ValueTask EnqueueAsync(PendingItem item, CancellationToken cancellationToken)
    {
        item.Delivery?.Expect();
        try
        {
            await _lanes[LaneOf(item.MeterId, _lanes.Length)].Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            item.Delivery?.Settle(DeliveryOutcome.Abandoned);
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

    private async Task RunLaneAsync(int laneIndex, ChannelReader<PendingItem> reader)
    {
        var drained = new List<PendingItem>(Math.Min(_options.MaxDrainCount, 1024));
        var groups = new Dictionary<string, List<PendingItem>>(StringComparer.Ordinal);
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
                    if (!groups.TryGetValue(item.MeterId, out var group))
                    {
                        groups[item.MeterId] = group = [];
                        order.Add(item.MeterId);
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

    private async Task DeliverWithRetryAsync(string meterId, List<PendingItem> items)
    {
        var readings = Flatten(items);
        var abort = _abort.Token;
        _metrics.Delivering(readings.Count);
        using var activity = GatewayActivities.Enabled
            ? GatewayActivities.StartDelivery(meterId, readings.Count, items.ConvertAll(static i => i.Trace))
            : null;

        // Failures that count against MaxDeliveryAttempts, and since when the meter has been unreachable (which do not).
        var failures = 0;
        long? unreachableSince = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                abort.ThrowIfCancellationRequested();
                var result = readings.Count == 0 ? IngestResult.Empty : await _sink.DeliverAsync(meterId, readings, abort).ConfigureAwait(false);
                foreach (var item in items)
                {
                    if (item.Presence is { } presence)
                    {
                        await _sink.ReportPresenceAsync(meterId, presence, abort).ConfigureAwait(false);
                    }
                }

                SettleWhenStored(items, RecordResult(meterId, items, result));
                return;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                Abandon(meterId, items);
                return;
            }
            catch (Exception ex)
            {
                var unreachable = _sink.IsUnreachable(ex);
                if (unreachable)
                {
                    unreachableSince ??= _timeProvider.GetTimestamp();
                }
                else
                {
                    failures++;
                }

                if (failures >= _options.MaxDeliveryAttempts
                    || (unreachableSince is { } since && _timeProvider.GetElapsedTime(since) >= _options.UnreachableRetryTimeout))
                {
                    _logger.DeliveryAbandoned(meterId, readings.Count, attempt, ex);
                    SettleWhenStored(
                        items, DeadLetterUndelivered(meterId, items, $"delivery failed after {attempt} attempts: {ex.GetType().Name}: {ex.Message}"));
                    return;
                }

                var delay = Backoff(attempt);
                if (unreachable)
                {
                    _logger.MeterUnreachable(meterId, readings.Count, attempt, delay, _options.UnreachableRetryTimeout, ex);
                }
                else
                {
                    _logger.DeliveryRetrying(meterId, readings.Count, failures, _options.MaxDeliveryAttempts, delay, ex);
                }

                try
                {
                    await Task.Delay(delay, _timeProvider, abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Abandon(meterId, items);
                    return;
                }
            }
        }
    }

    /// <summary>Counts the result and dead-letters what the meter rejected; the task tells whether those dead letters are on disk.</summary>
    private Task<bool> RecordResult(string meterId, List<PendingItem> items, IngestResult result)
    {
        _metrics.ReadingsAccepted(result.Accepted);
        if (result.Rejected.Count == 0)
        {
            return Stored;
        }

        _metrics.ReadingsRejected(DeadLetterStage.Grain, result.Rejected.Count);
        // The grain's answer does not say which message a reading came from: use the latest receive time of the batch.
        var receivedAt = items[^1].ReceivedAt;
        var writes = new List<Task<bool>>(result.Rejected.Count);
        foreach (var rejected in result.Rejected)
        {
            writes.Add(DeadLetterAsync(new DeadLetter(DeadLetterStage.Grain, rejected.Reason, receivedAt, meterId, Reading: rejected.Reading)));
        }

        return AllStoredAsync(writes);
    }

    /// <summary>
    /// The gateway stops before these were delivered: a message that can come again (it has a delivery to settle, so it
    /// was not acknowledged) is abandoned; the others are dead-lettered.
    /// </summary>
    private void Abandon(string meterId, List<PendingItem> items)
    {
        var lost = items.FindAll(static i => i.Delivery is null);
        if (lost.Count > 0)
        {
            // Nobody waits for these: no acknowledgement depends on them.
            _ = DeadLetterUndelivered(meterId, lost, "the gateway stopped before the reading was delivered.");
        }

        if (lost.Count < items.Count)
        {
            _logger.DeliveryAbandonedAtStop(meterId, items.Count - lost.Count);
        }

        Settle(items, DeliveryOutcome.Abandoned);
    }

    private static void Settle(List<PendingItem> items, DeliveryOutcome outcome)
    {
        foreach (var item in items)
        {
            item.Delivery?.Settle(outcome);
        }
    }

    /// <summary>
    /// Settles the items' messages once <paramref name="deadLettered"/> says their dead letters are on disk: a message is
    /// acknowledged only when what was refused of it is stored. A dead letter that could not be stored abandons them.
    /// </summary>
    private static void SettleWhenStored(List<PendingItem> items, Task<bool> deadLettered)
    {
        if (deadLettered.IsCompletedSuccessfully)
        {
            Settle(items, deadLettered.Result ? DeliveryOutcome.Settled : DeliveryOutcome.Abandoned);
            return;
        }

        _ = deadLettered.ContinueWith(
            static (done, state) => Settle((List<PendingItem>)state!, done.Result ? DeliveryOutcome.Settled : DeliveryOutcome.Abandoned),
            items, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Settles one share of <paramref name="delivery"/> (taken with <see cref="MessageDelivery.Expect"/>) once <paramref name="deadLettered"/> is on disk.</summary>
    private static void SettleWhenStored(MessageDelivery delivery, Task<bool> deadLettered) =>
        _ = deadLettered.ContinueWith(
            static (done, state) => ((MessageDelivery)state!).Settle(done.Result ? DeliveryOutcome.Settled : DeliveryOutcome.Abandoned),
            delivery, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private Task<bool> DeadLetterUndelivered(string meterId, List<PendingItem> items, string reason)
    {
        _metrics.ReadingsRejected(DeadLetterStage.Delivery, items.Sum(static i => i.Readings.Count));
        var writes = new List<Task<bool>>();
        foreach (var item in items)
        {
            foreach (var reading in item.Readings)
            {
                writes.Add(DeadLetterAsync(new DeadLetter(DeadLetterStage.Delivery, reason, item.ReceivedAt, meterId, Reading: reading)));
            }

            if (item.Presence is { } presence)
            {
                writes.Add(DeadLetterAsync(new DeadLetter(
                    DeadLetterStage.Delivery, $"device presence report not delivered: {reason}", item.ReceivedAt, meterId,
                    RawPayload: $"online: {(presence.Online ? "true" : "false")} at {presence.At:O}")));
            }
        }

        return AllStoredAsync(writes);
    }

    /// <summary>Queues a dead letter; the task completes with whether it reached the disk, and never faults.</summary>
    private Task<bool> DeadLetterAsync(DeadLetter deadLetter)
    {
        try
        {
            return _deadLetters.WriteAsync(deadLetter);
        }
        catch (Exception ex)
        {
            _logger.DeadLetterWriteFailed(deadLetter.Stage, deadLetter.MeterId, deadLetter.Reason, ex);
            return NotStored;
        }
    }

    private static async Task<bool> AllStoredAsync(List<Task<bool>> writes)
    {
        var all = true;
        foreach (var write in writes)
        {
            all &= await write.ConfigureAwait(false);
        }

        return all;
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < _options.RetryMaxDelay ? exponential : _options.RetryMaxDelay;
        // ±20 % jitter so that lanes retrying after a silo outage do not hit it in lockstep.
        return capped * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    private static IReadOnlyList<MeterReading> Flatten(List<PendingItem> items)
    {
        if (items.Count == 1)
        {
            return items[0].Readings;
        }

        var readings = new List<MeterReading>(items.Sum(static i => i.Readings.Count));
        foreach (var item in items)
        {
            readings.AddRange(item.Readings);
        }

        return readings;
    }

    /// <summary>
    /// One enqueued message's readings for one meter (or its device's presence report, with no readings), the delivery
    /// of that message to settle, if it is tracked, and the trace context it was received in (default when nobody traces).
    /// </summary>
    private readonly record struct PendingItem(
        string MeterId, IReadOnlyList<MeterReading> Readings, DevicePresence? Presence, DateTimeOffset ReceivedAt, MessageDelivery? Delivery, ActivityContext Trace);
}
