using Microsoft.Extensions.Hosting;
using MeterGrains.Gateway.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// On a gateway silo: claims pending commands from the <see cref="ICommandStore"/> (at once when this process's API
/// added one, otherwise every <see cref="PollInterval"/>) and publishes each through the first available
/// <see cref="ICommandPublisher"/> that reaches its device. A command is marked <c>sent</c> before it is published, so a
/// fast reply always finds it; a publish that fails marks it <c>failed</c>. Commands are delivered at most once: a relay
/// is not switched twice. Gen2 commands without a reply after <see cref="CommandOptions.ReplyTimeout"/>, and commands no
/// gateway could claim within <see cref="CommandOptions.DeliveryTimeout"/>, are marked <c>failed</c> by whichever gateway
/// looks first.
/// </summary>
/// <remarks>
/// Where commands go: an embedded broker reaches only its own clients, so a gateway with embedded brokers only claims just
/// the commands of devices connected to it (with several gateway silos, the one the device is connected to publishes).
/// A gateway connected to an external broker reaches every device there and claims any command.
/// </remarks>
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

    /// <summary>Most devices with pending commands looked at per poll (pending commands are few: they fail after the delivery timeout).</summary>
    private const int PendingDeviceLimit = 1000;

    private async Task ExpireUnansweredAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await store.ExpireAsync(
            DeviceFamilyNames.ShellyGen2, now - settings.ReplyTimeout,
            $"no reply from the device within {settings.ReplyTimeout} ({CommandOptions.SectionName}:ReplyTimeout)", now, cancellationToken);
        await store.FailUnclaimedAsync(
            now - settings.DeliveryTimeout,
            $"no gateway had the device connected within {settings.DeliveryTimeout} ({CommandOptions.SectionName}:DeliveryTimeout)", now, cancellationToken);
    }

    private async Task DispatchPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Only claim what can be published here: a gateway whose broker is down leaves the commands to the others.
            var available = publishers.Where(static p => p.IsAvailable).ToList();
            if (available.Count == 0)
            {
                return;
            }

            IReadOnlyCollection<string>? devices = null;
            if (!available.Any(static p => p.ReachesEveryDevice))
            {
                var pending = await store.PendingDevicesAsync(PendingDeviceLimit, cancellationToken);
                devices = [.. pending.Where(d => available.Any(p => p.Reaches(d)))];
                if (devices.Count == 0)
                {
                    return;
                }
            }

            var claimed = await store.ClaimPendingAsync(ClaimBatch, devices, clock.GetUtcNow(), cancellationToken);
            foreach (var command in claimed)
            {
                await PublishAsync(command, available, cancellationToken);
            }

            if (claimed.Count < ClaimBatch)
            {
                return;
            }
        }
    }

    private async Task PublishAsync(PendingCommand command, List<ICommandPublisher> available, CancellationToken cancellationToken)
    {
        string reason;
        if (available.FirstOrDefault(p => p.Reaches(command.DeviceId)) is { } publisher)
        {
            try
            {
                await publisher.PublishAsync(command.Topic, command.Payload, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                reason = $"publishing on '{command.Topic}' failed: {ex.Message}";
            }
        }
        else
        {
            reason = $"device '{command.DeviceId}' disconnected from this gateway before the command was published";
        }

        logger.PublishFailed(command.Id, command.Topic, reason);
        await store.FailAsync(command.Id, reason, clock.GetUtcNow(), CancellationToken.None);
    }
}
