namespace MeterGrains.Api.Live;

/// <summary>The messages the hub sends to clients (interfaces.md, SignalR).</summary>
public static class LiveClientMethods
{
    /// <summary>A <see cref="MeterUpdate"/>.</summary>
    public const string MeterUpdated = "meterUpdated";

    /// <summary>A <see cref="HouseholdUpdate"/>.</summary>
    public const string HouseholdUpdated = "householdUpdated";

    /// <summary>An <see cref="MeterGrains.Alerts.Alert"/>: kind, subject, severity, message, ts.</summary>
    public const string Alert = "alert";
}
