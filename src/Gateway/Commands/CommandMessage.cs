namespace MeterGrains.Gateway.Commands;

/// <summary>What goes on the wire for one command, and the key its acknowledgement will carry (see <see cref="CommandReplies"/>).</summary>
/// <param name="Topic">The device's command topic.</param>
/// <param name="Payload">The payload in the device family's format (UTF-8 text).</param>
/// <param name="ReplyKey">Matches the <see cref="CommandReply.ReplyKey"/> of the device's acknowledgement.</param>
public sealed record CommandMessage(string Topic, string Payload, string ReplyKey);
