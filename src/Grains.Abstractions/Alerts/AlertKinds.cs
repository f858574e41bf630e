namespace MeterGrains.Alerts;

/// <summary>The kinds of alert MeterGrains raises itself.</summary>
public static class AlertKinds
{
    /// <summary>A meter sent nothing for longer than <c>offlineAfter</c>.</summary>
    public const string MeterOffline = "meter-offline";

    /// <summary>A meter that was offline sent a reading again.</summary>
    public const string MeterOnline = "meter-online";
}
