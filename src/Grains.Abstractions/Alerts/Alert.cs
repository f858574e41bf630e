namespace MeterGrains.Alerts;

/// <summary>Something an operator or resident should know about a meter or household (interfaces.md, SignalR <c>alert</c>).</summary>
/// <param name="Kind">What happened, e.g. <see cref="AlertKinds.MeterOffline"/>.</param>
/// <param name="Subject">The meter or household id it is about.</param>
/// <param name="Severity">One of <see cref="AlertSeverities"/>.</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="Ts">When it happened (for a meter going offline: its last reading plus <c>offlineAfter</c>).</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.Alert")]
public sealed record Alert(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Severity,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset Ts);
