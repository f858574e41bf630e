namespace MeterGrains.Domain;

/// <summary>
/// Everything a meter knows, in a form that persists as it is (plain properties, no Orleans types).
/// </summary>
public sealed class MeterSnapshot
{
    public DateTimeOffset? LastReadingAt { get; set; }
    public double? ImportPowerW { get; set; }
    public double? ExportPowerW { get; set; }
    public double? ImportRegisterWh { get; set; }
    public double? ExportRegisterWh { get; set; }

    /// <summary>Time and net power of the last reading that carried power: the start of the next interval.</summary>
    public DateTimeOffset? LastPowerAt { get; set; }
    public double? LastNetPowerW { get; set; }

    public double IntegratedImportWh { get; set; }
    public double IntegratedExportWh { get; set; }

    public RegisterSnapshot ImportRegister { get; set; } = new();
    public RegisterSnapshot ExportRegister { get; set; } = new();

    public long ReadingsAccepted { get; set; }
    public long ReadingsRejected { get; set; }
    public long Duplicates { get; set; }
    public long Conflicts { get; set; }
    public long LateReadings { get; set; }
    public long Gaps { get; set; }
    public double GapSeconds { get; set; }
}

/// <summary>The persisted form of a <see cref="RegisterTracker"/>.</summary>
public sealed class RegisterSnapshot
{
    public double? FirstRawWh { get; set; }
    public double? LastRawWh { get; set; }
    public double? CorrectedWh { get; set; }
    public int Resets { get; set; }
}
