using System.Text.Json;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// Formats a command for a device's family (shelly.md, interfaces.md): Gen1 <c>shellies/{id}/relay/{n}/command</c> with
/// <c>on</c>/<c>off</c>; Gen2 a JSON-RPC <c>Switch.Set</c> request on <c>{id}/rpc</c> whose reply goes to
/// <c>{id}/metergrains/rpc</c>; generic JSON on <c>meters/{meterId}/commands</c>.
/// </summary>
public static class CommandFormatter
{
    /// <summary>
    /// The Gen2 <c>src</c> suffix: replies go to <c>{deviceId}/metergrains/rpc</c>, under the device's own prefix, so a
    /// device may publish them with the grant it already has and can acknowledge only its own requests.
    /// </summary>
    public const string Gen2ReplySuffix = "metergrains";

    /// <summary>Formats <paramref name="command"/> for <paramref name="family"/>.</summary>
    /// <param name="family">The device's family.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="meterId">The meter the command was sent to (its topic for generic devices).</param>
    /// <param name="commandId">The command's id (in the generic payload).</param>
    /// <param name="rpcId">The JSON-RPC request id (Gen2), unique per command.</param>
    /// <param name="command">The command.</param>
    public static CommandMessage Format(DeviceFamily family, string deviceId, string meterId, string commandId, long rpcId, RelayCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var state = command.On ? "on" : "off";
        return family switch
        {
            // Gen1 has no acknowledgement: the relay's state topic reporting the requested state counts as one.
            DeviceFamily.ShellyGen1 => new CommandMessage(
                $"shellies/{deviceId}/relay/{command.Channel}/command", state, CommandReplies.Gen1Key(deviceId, command.Channel, state)),
            DeviceFamily.ShellyGen2 => new CommandMessage(
                $"{deviceId}/rpc",
                JsonSerializer.Serialize(new
                {
                    id = rpcId,
                    src = $"{deviceId}/{Gen2ReplySuffix}",
                    method = "Switch.Set",
                    @params = new { id = command.Channel, on = command.On },
                }),
                CommandReplies.Gen2Key(deviceId, rpcId)),
            DeviceFamily.Generic => new CommandMessage(
                $"meters/{meterId}/commands",
                JsonSerializer.Serialize(new { id = commandId, name = RelayCommand.Name, args = new { channel = command.Channel, on = command.On } }),
                CommandReplies.GenericKey(meterId, commandId)),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown device family"),
        };
    }
}
