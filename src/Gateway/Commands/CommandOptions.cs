namespace MeterGrains.Gateway.Commands;

/// <summary>Settings of commands to devices, bound from the <c>Commands</c> configuration section.</summary>
public sealed class CommandOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Commands";

    /// <summary>
    /// How long a Shelly Gen2 command waits for its JSON-RPC reply after it was sent before it is marked <c>failed</c>
    /// (Gen2 always replies; Gen1 has no replies and generic devices need not send one, so theirs stay <c>sent</c>).
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a command may stay <c>pending</c> because no gateway has its device connected (a gateway with an embedded
    /// broker claims only commands for its own clients) before it is marked <c>failed</c>. Default 1 minute.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
