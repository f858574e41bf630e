using System.Text.Json;

namespace MeterGrains.Api.Commands;

/// <summary>A command for a meter's device: <c>{"name": "relay", "args": {"channel": 0, "on": true}}</c>.</summary>
/// <param name="Name">The command; <c>relay</c> is the one there is.</param>
/// <param name="Args">Its arguments; for <c>relay</c>, <c>channel</c> (0–15) and <c>on</c> (true or false).</param>
public sealed record CommandRequest(string? Name, JsonElement? Args);
