using System.Text.Json;
using MeterGrains.Gateway.Devices;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// Accepts commands for meters (the API's side): finds the meter's device in the registry, formats the command for the
/// device's family, stores it <c>pending</c> and wakes this process's dispatcher, if it has the gateway role.
/// </summary>
public sealed class CommandService(
    ICommandStore store,
    IDeviceStore devices,
    CommandSignal signal,
    TimeProvider clock,
    ILogger<CommandService> logger)
{
    /// <summary>Validates, resolves and stores a command for <paramref name="meterId"/>.</summary>
    public async ValueTask<CommandSubmission> SubmitAsync(string meterId, string? name, JsonElement? args, CancellationToken cancellationToken)
    {
        var (command, problem) = CommandParser.Parse(name, args);
        if (command is null)
        {
            return new CommandSubmission(null, problem, null);
        }

        var device = await devices.FindByMeterAsync(meterId, cancellationToken);
        if (device is null)
        {
            return new CommandSubmission(null, null,
                $"Meter '{meterId}' belongs to no registered device, so there is no command topic to publish to; register its device with POST /api/v1/devices.");
        }

        var id = Guid.NewGuid().ToString("N");
        var rpcId = await store.NextRpcIdAsync(cancellationToken);
        var message = CommandFormatter.Format(device.Family, device.DeviceId, meterId, id, rpcId, command);
        var stored = new StoredCommand(
            id, meterId, device.DeviceId, DeviceFamilyNames.ToName(device.Family), RelayCommand.Name,
            JsonSerializer.Serialize(new { channel = command.Channel, on = command.On }),
            message.Topic, message.Payload, CommandStatuses.Pending, null, clock.GetUtcNow(), null, null);
        await store.AddAsync(stored, message.ReplyKey, cancellationToken);
        logger.CommandAccepted(id, meterId, device.DeviceId, message.Topic);
        signal.Notify();
        return new CommandSubmission(stored, null, null);
    }

    /// <summary>The command, or null when unknown.</summary>
    public ValueTask<StoredCommand?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);
}
