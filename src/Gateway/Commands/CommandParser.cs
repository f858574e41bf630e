using System.Text.Json;

namespace MeterGrains.Gateway.Commands;

/// <summary>Reads a command request (<c>{"name": "relay", "args": {"channel": 0, "on": true}}</c>) into a <see cref="RelayCommand"/>.</summary>
public static class CommandParser
{
    /// <summary>The command, or null and a problem a client can act on.</summary>
    public static (RelayCommand? Command, string? Problem) Parse(string? name, JsonElement? args)
    {
        if (name != RelayCommand.Name)
        {
            return (null, $"name must be '{RelayCommand.Name}' (is '{name}')");
        }

        if (args is not { ValueKind: JsonValueKind.Object } arguments)
        {
            return (null, "args must be an object: {\"channel\": <0..15>, \"on\": true|false}");
        }

        if (!arguments.TryGetProperty("channel", out var channelElement)
            || channelElement.ValueKind != JsonValueKind.Number
            || !channelElement.TryGetInt32(out var channel)
            || channel is < 0 or > RelayCommand.MaxChannel)
        {
            return (null, $"args.channel must be an integer from 0 to {RelayCommand.MaxChannel}");
        }

        if (!arguments.TryGetProperty("on", out var onElement) || onElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return (null, "args.on must be true or false");
        }

        return (new RelayCommand(channel, onElement.GetBoolean()), null);
    }
}
