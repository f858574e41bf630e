using Microsoft.Extensions.Hosting;
using MeterGrains.Gateway.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// On a gateway silo: claims pending commands from the <see cref="ICommandStore"/> (at once when this process's API
/// added one, otherwise every <see cref="PollInterval"/>) and publishes them through the first available
/// <see cref="ICommandPublisher"/>. A command is marked <c>sent</c> before it is published, so a fast reply always finds
/// it; a publish that fails marks it <c>failed</c>. Commands are delivered at most once: a relay is not switched twice.
/// Gen2 commands without a reply after <see cref="CommandOptions.ReplyTimeout"/> are marked <c>failed</c> by whichever
/// gateway looks first.
/// </summary>
public sealed class CommandDispatcher(
    ICommandStore store,
    CommandSignal signal,
    IEnumerable<ICommandPublisher> publishers,
    IOptions<CommandOptions> options,
    TimeProvider clock,
    ILogger<CommandDispatcher> logger) : BackgroundService
{
    /// <summary>How often gateway silos look for commands added by API silos elsewhere.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const int ClaimBatch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken);
                await ExpireUnansweredAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.DispatchFailed(ex);
                await signal.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ExpireUnansweredAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.ReplyTimeout;
        var now = clock.GetUtcNow();
        await store.ExpireAsync(
            DeviceFamilyNames.ShellyGen2, now - timeout, $"no reply from the device within {timeout} ({CommandOptions.SectionName}:ReplyTimeout)", now, cancellationToken);
    }

    private async Task DispatchPendingAsync(CancellationToken cancellationToken)
    {
        // Only claim what can be published here: a gateway whose broker is down leaves the commands to the others.
        while (publishers.FirstOrDefault(static p => p.IsAvailable) is { } publisher)
        {
            var claimed = await store.ClaimPendingAsync(ClaimBatch, clock.GetUtcNow(), cancellationToken);
            foreach (var command in claimed)
            {
                try
                {
                    await publisher.PublishAsync(command.Topic, command.Payload, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var reason = $"publishing on '{command.Topic}' failed: {ex.Message}";
                    logger.PublishFailed(command.Id, command.Topic, reason);
                    await store.FailAsync(command.Id, reason, clock.GetUtcNow(), CancellationToken.None);
                }
            }

            if (claimed.Count < ClaimBatch)
            {
                return;
            }
        }
    }
}
