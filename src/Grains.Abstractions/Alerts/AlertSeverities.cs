namespace MeterGrains.Alerts;

/// <summary>How urgent an alert is.</summary>
public static class AlertSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}
