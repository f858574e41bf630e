namespace MeterGrains.Alerts;

/// <summary>The kinds of alert MeterGrains raises itself.</summary>
public static class AlertKinds
{
    /// <summary>A meter sent nothing for longer than <c>offlineAfter</c>.</summary>
    public const string MeterOffline = "meter-offline";

    /// <summary>A meter that was offline sent a reading again.</summary>
    public const string MeterOnline = "meter-online";

    /// <summary>A household drew more from the grid than its preferences allow, for longer than they allow.</summary>
    public const string GridImportHigh = "grid-import-high";

    /// <summary>A household's grid import that was too high fell back to its limit or below.</summary>
    public const string GridImportNormal = "grid-import-normal";

    /// <summary>A household fed more into the grid than its preferences allow, for longer than they allow.</summary>
    public const string GridExportHigh = "grid-export-high";

    /// <summary>A household's grid export that was too high fell back to its limit or below.</summary>
    public const string GridExportNormal = "grid-export-normal";
}
