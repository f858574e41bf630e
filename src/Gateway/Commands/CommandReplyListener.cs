using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// Takes devices' replies to commands off the broker's receive path: <see cref="Offer"/> recognises a reply without I/O
/// and queues it (never waits; a full queue drops the reply and logs it, the command then stays <c>sent</c>), and the
/// background loop records it in the <see cref="ICommandStore"/>.
/// </summary>
public sealed class CommandReplyListener(ICommandStore store, TimeProvider clock, ILogger<CommandReplyListener> logger) : BackgroundService
{
    private const int Capacity = 1024;

    private readonly Channel<CommandReply> _replies = Channel.CreateBounded<CommandReply>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues the reply that <paramref name="topic"/> and <paramref name="payload"/> carry, if they are one.</summary>
    public void Offer(string? topic, ReadOnlySequence<byte> payload)
    {
        if (CommandReplies.TryRead(topic, payload) is { } reply && !_replies.Writer.TryWrite(reply))
        {
            logger.ReplyDropped(reply.ReplyKey);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reply in _replies.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var completed = await store.CompleteAsync(reply, clock.GetUtcNow(), stoppingToken);
                    logger.ReplyRecorded(reply.ReplyKey, completed);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.ReplyFailed(reply.ReplyKey, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: replies still queued are lost; their commands stay 'sent'.
        }
    }
}
