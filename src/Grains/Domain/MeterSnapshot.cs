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

    public RegisterSnapshot ImportRegister { get; set; }
    public RegisterSnapshot ExportRegister { get; set; }

    public long ReadingsAccepted { get; set; }
    public long ReadingsRejected { get; set; }
    public long Duplicates { get; set; }
    public long Conflicts { get; set; }
    public long LateReadings { get; set; }
    public long Gaps { get; set; }
    public double GapSeconds { get; set; }

    /// <summary>Late readings inside the reorder window that were inserted where they belong.</summary>
    public long ReorderedReadings { get; set; }

    /// <summary>The readings inside the reorder window, plus the last one of each kind before it, packed by <see cref="RecentReadingsCodec"/>.</summary>
    public byte[]? RecentReadings { get; set; }

    /// <summary>Register state from all readings no longer in <see cref="RecentReadings"/>: where a replay of the window starts.</summary>
    public RegisterSnapshot ImportRegisterBeforeWindow { get; set; }
    public RegisterSnapshot ExportRegisterBeforeWindow { get; set; }

    /// <summary>Quarter-hour buckets that a late reading may still change, oldest first.</summary>
    public List<OpenBucket> OpenBuckets { get; set; } = [];

    /// <summary>Buckets before this instant were handed out as closed and are never opened again.</summary>
    public DateTimeOffset? ClosedUntil { get; set; }

    /// <summary>
    /// The highest ingest id (arrival order in the reading store) of the stored readings this snapshot includes:
    /// after a crash the meter replays the stored readings above it. 0 before the first stored reading.
    /// </summary>
    public long StoredThroughIngestId { get; set; }

    /// <summary>
    /// Set while the meter is reported offline: its last sign of life before the silence (a reading, or its device
    /// reporting itself online; see <see cref="MeterPresence"/>). A newer sign of life ends it.
    /// </summary>
    public DateTimeOffset? OfflineSinceReadingAt { get; set; }

    /// <summary>When the meter's device last reported itself online (Shelly <c>online</c> = <c>true</c>): a sign of life.</summary>
    public DateTimeOffset? DeviceOnlineAt { get; set; }

    /// <summary>
    /// When the meter's device last reported itself offline (Shelly <c>online</c> = <c>false</c>, usually its last will):
    /// the meter is offline from then until a later sign of life.
    /// </summary>
    public DateTimeOffset? DeviceOfflineAt { get; set; }

    /// <summary>What the anomaly checks remember (<see cref="MeterAnomalies"/>); null before the first reading they judged.</summary>
    public MeterAnomalyState? Anomalies { get; set; }

    /// <summary>When this snapshot was last written; bounds how far back the replay has to look.</summary>
    public DateTimeOffset? SavedAt { get; set; }
}
