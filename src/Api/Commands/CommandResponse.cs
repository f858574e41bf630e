using System.Text.Json;
using MeterGrains.Gateway.Commands;

namespace MeterGrains.Api.Commands;

/// <summary>A command and where it stands.</summary>
/// <param name="Id">The command id.</param>
/// <param name="MeterId">The meter it was sent to.</param>
/// <param name="DeviceId">The device that owns the meter.</param>
/// <param name="Family">The device's family, which fixed the format.</param>
/// <param name="Name">The command's name.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Topic">The MQTT topic it is published on.</param>
/// <param name="Status"><c>pending</c> (not yet published), <c>sent</c>, <c>acknowledged</c> or <c>failed</c>.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="CreatedAt">When the API accepted it.</param>
/// <param name="SentAt">When a gateway published it.</param>
/// <param name="CompletedAt">When it was acknowledged or failed.</param>
public sealed record CommandResponse(
    string Id,
    string MeterId,
    string DeviceId,
    string Family,
    string Name,
    JsonElement Args,
    string Topic,
    string Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? CompletedAt)
{
    public static CommandResponse From(StoredCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var args = JsonDocument.Parse(command.Args);
        return new CommandResponse(
            command.Id, command.MeterId, command.DeviceId, command.Family, command.Name, args.RootElement.Clone(), command.Topic,
            command.Status, command.Reason, command.CreatedAt, command.SentAt, command.CompletedAt);
    }
}
