namespace MeterGrains.Gateway.Commands;

/// <summary>A device's answer to a command: the key of the command it answers, and whether it succeeded.</summary>
/// <param name="ReplyKey">Equals the answered command's <see cref="CommandMessage.ReplyKey"/>.</param>
/// <param name="Succeeded">True for an acknowledgement, false for an error.</param>
/// <param name="Reason">The device's error, when it failed.</param>
public sealed record CommandReply(string ReplyKey, bool Succeeded, string? Reason);
