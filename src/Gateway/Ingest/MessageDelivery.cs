namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Follows one received message through the <see cref="IngestPipeline"/>: <see cref="Completion"/> finishes once every
/// meter batch of the message has been delivered or dead-lettered, so that the receiver acknowledges it only then.
/// </summary>
/// <remarks>
/// Pass one to <see cref="IngestPipeline.SubmitAsync(string, DateTimeOffset, Decoding.DecodeResult, MessageDelivery?, CancellationToken)"/>
/// and do not await <see cref="Completion"/> in the receive handler: continue on it, so that many messages are in
/// flight at once. Continuations run asynchronously, never on an ingest lane.
/// </remarks>
public sealed class MessageDelivery
{
    private readonly TaskCompletionSource<DeliveryOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One hold for the submission itself, released by Seal, so that the first batch settling early cannot complete a
    // message whose later batches are still being enqueued.
    private int _unsettled = 1;
    private int _abandoned;
    private int _sealed;

    /// <summary>Completes with the outcome of the whole message.</summary>
    public Task<DeliveryOutcome> Completion => _completion.Task;

    /// <summary>A batch of this message is about to be enqueued.</summary>
    internal void Expect() => Interlocked.Increment(ref _unsettled);

    /// <summary>A batch of this message (or the submission's own hold) is done.</summary>
    internal void Settle(DeliveryOutcome outcome)
    {
        if (outcome == DeliveryOutcome.Abandoned)
        {
            Volatile.Write(ref _abandoned, 1);
        }

        if (Interlocked.Decrement(ref _unsettled) == 0)
        {
            _completion.TrySetResult(Volatile.Read(ref _abandoned) == 1 ? DeliveryOutcome.Abandoned : DeliveryOutcome.Settled);
        }
    }

    /// <summary>Every batch of the message is enqueued (or the submission gave up): releases the submission's hold once.</summary>
    internal void Seal(DeliveryOutcome outcome)
    {
        if (Interlocked.Exchange(ref _sealed, 1) == 0)
        {
            Settle(outcome);
        }
    }
}
