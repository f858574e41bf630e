namespace MeterGrains.Gateway.Commands;

/// <summary>The life of a command: <c>pending</c> until a gateway publishes it, then <c>sent</c>, then <c>acknowledged</c> or <c>failed</c>.</summary>
public static class CommandStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Acknowledged = "acknowledged";
    public const string Failed = "failed";
}
