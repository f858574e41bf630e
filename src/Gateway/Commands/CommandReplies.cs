using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MeterGrains.Gateway.Commands;

/// <summary>
/// Recognises devices' answers to commands among the messages they publish, without I/O: a Gen2 JSON-RPC reply on
/// <c>{deviceId}/metergrains/rpc</c> (matched by its <c>id</c>; an <c>error</c> fails the command), a Gen1 relay state
/// <c>shellies/{deviceId}/relay/{n}</c> = <c>on</c>/<c>off</c> (acknowledges commands that asked for that state), and a
/// generic acknowledgement on <c>meters/{meterId}/commands/ack</c>, <c>{"id": "&lt;command id&gt;"}</c> (with an
/// <c>"error": "…"</c> string it fails the command).
/// </summary>
public static class CommandReplies
{
    private const int MaxReplyBytes = 4096;
    private const string Gen2ReplyTopicSuffix = $"/{CommandFormatter.Gen2ReplySuffix}/rpc";

    public static string Gen1Key(string deviceId, int channel, string state) => $"shellies/{deviceId}/relay/{channel}={state}";

    public static string Gen2Key(string deviceId, long rpcId) => $"{deviceId}/rpc#{rpcId}";

    public static string GenericKey(string meterId, string commandId) => $"meters/{meterId}/commands#{commandId}";

    /// <summary>The reply <paramref name="topic"/> and <paramref name="payload"/> carry, or null when they are not one.</summary>
    public static CommandReply? TryRead(string? topic, ReadOnlySequence<byte> payload)
    {
        // Called for every message the gateway receives: the cheap tests first, so readings cost no allocation here.
        if (string.IsNullOrEmpty(topic) || payload.Length > MaxReplyBytes || !MayBeReply(topic))
        {
            return null;
        }

        var levels = topic.Split('/');
        try
        {
            return levels switch
            {
                ["shellies", var device, "relay", var channel] when int.TryParse(channel, out var n) && n >= 0 => ReadGen1(device, n, payload),
                [var device, CommandFormatter.Gen2ReplySuffix, "rpc"] when device.Length > 0 => ReadGen2(device, payload),
                ["meters", var meter, "commands", "ack"] when meter.Length > 0 => ReadGeneric(meter, payload),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool MayBeReply(string topic) =>
        topic.EndsWith(Gen2ReplyTopicSuffix, StringComparison.Ordinal)
        || topic.EndsWith("/commands/ack", StringComparison.Ordinal)
        || (topic.StartsWith("shellies/", StringComparison.Ordinal) && topic.Contains("/relay/", StringComparison.Ordinal));

    private static CommandReply? ReadGen1(string deviceId, int channel, ReadOnlySequence<byte> payload)
    {
        var state = Encoding.UTF8.GetString(payload);
        return state is "on" or "off" ? new CommandReply(Gen1Key(deviceId, channel, state), true, null) : null;
    }

    private static CommandReply? ReadGen2(string deviceId, ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var rpcId))
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.ToString() : "?";
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
            return new CommandReply(Gen2Key(deviceId, rpcId), false, $"device error {code}: {message}");
        }

        return new CommandReply(Gen2Key(deviceId, rpcId), true, null);
    }

    private static CommandReply? ReadGeneric(string meterId, ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var key = GenericKey(meterId, id.GetString()!);
        return root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
            ? new CommandReply(key, false, $"device error: {error}")
            : new CommandReply(key, true, null);
    }
}
