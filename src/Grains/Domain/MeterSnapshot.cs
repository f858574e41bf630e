namespace MeterGrains.Domain;

/// <summary>
/// Everything a meter knows, in a form that persists as it is (plain properties, no Orleans types).
/// </summary>
/// <remarks>
/// A silo holds one per active meter, so the optional values are kept as plain fields with one set of presence bits
/// (a <c>DateTimeOffset?</c> takes 24 bytes, a <c>double?</c> 16: 8 more than the value each). The properties are
/// what is persisted, so the JSON is that of the optional values.
/// </remarks>
public sealed class MeterSnapshot
{
    public DateTimeOffset? LastReadingAt
    {
        get => Get(_lastReadingAt, Present.LastReadingAt);
        set => Set(ref _lastReadingAt, Present.LastReadingAt, value);
    }

    public double? ImportPowerW
    {
        get => Get(_importPowerW, Present.ImportPowerW);
        set => Set(ref _importPowerW, Present.ImportPowerW, value);
    }

    public double? ExportPowerW
    {
        get => Get(_exportPowerW, Present.ExportPowerW);
        set => Set(ref _exportPowerW, Present.ExportPowerW, value);
    }

    public double? ImportRegisterWh
    {
        get => Get(_importRegisterWh, Present.ImportRegisterWh);
        set => Set(ref _importRegisterWh, Present.ImportRegisterWh, value);
    }

    public double? ExportRegisterWh
    {
        get => Get(_exportRegisterWh, Present.ExportRegisterWh);
        set => Set(ref _exportRegisterWh, Present.ExportRegisterWh, value);
    }

    /// <summary>Time and net power of the last reading that carried power: the start of the next interval.</summary>
    public DateTimeOffset? LastPowerAt
    {
        get => Get(_lastPowerAt, Present.LastPowerAt);
        set => Set(ref _lastPowerAt, Present.LastPowerAt, value);
    }

    public double? LastNetPowerW
    {
        get => Get(_lastNetPowerW, Present.LastNetPowerW);
        set => Set(ref _lastNetPowerW, Present.LastNetPowerW, value);
    }

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
    /// <remarks>
    /// An array of exactly the open buckets (two or three; a new one comes every quarter-hour), not a list: a list
    /// costs its own object and spare capacity in every active meter. Persisted as the same JSON array.
    /// </remarks>
    public OpenBucket[] OpenBuckets { get; set; } = [];

    /// <summary>Buckets before this instant were handed out as closed and are never opened again.</summary>
    public DateTimeOffset? ClosedUntil
    {
        get => Get(_closedUntil, Present.ClosedUntil);
        set => Set(ref _closedUntil, Present.ClosedUntil, value);
    }

    /// <summary>
    /// The highest ingest id (arrival order in the reading store) of the stored readings this snapshot includes:
    /// after a crash the meter replays the stored readings above it. 0 before the first stored reading.
    /// </summary>
    public long StoredThroughIngestId { get; set; }

    /// <summary>
    /// Set while the meter is reported offline: its last sign of life before the silence (a reading, or its device
    /// reporting itself online; see <see cref="MeterPresence"/>). A newer sign of life ends it.
    /// </summary>
    public DateTimeOffset? OfflineSinceReadingAt
    {
        get => Get(_offlineSinceReadingAt, Present.OfflineSinceReadingAt);
        set => Set(ref _offlineSinceReadingAt, Present.OfflineSinceReadingAt, value);
    }

    /// <summary>When the meter's device last reported itself online (Shelly <c>online</c> = <c>true</c>): a sign of life.</summary>
    public DateTimeOffset? DeviceOnlineAt
    {
        get => Get(_deviceOnlineAt, Present.DeviceOnlineAt);
        set => Set(ref _deviceOnlineAt, Present.DeviceOnlineAt, value);
    }

    /// <summary>
    /// When the meter's device last reported itself offline (Shelly <c>online</c> = <c>false</c>, usually its last will):
    /// the meter is offline from then until a later sign of life.
    /// </summary>
    public DateTimeOffset? DeviceOfflineAt
    {
        get => Get(_deviceOfflineAt, Present.DeviceOfflineAt);
        set => Set(ref _deviceOfflineAt, Present.DeviceOfflineAt, value);
    }

    /// <summary>What the anomaly checks remember (<see cref="MeterAnomalies"/>); null before the first reading they judged.</summary>
    public MeterAnomalyState? Anomalies { get; set; }

    /// <summary>When this snapshot was last written; bounds how far back the replay has to look.</summary>
    public DateTimeOffset? SavedAt
    {
        get => Get(_savedAt, Present.SavedAt);
        set => Set(ref _savedAt, Present.SavedAt, value);
    }

    /// <summary>Which of the optional values are set.</summary>
    [Flags]
    private enum Present : ushort
    {
        None = 0,
        LastReadingAt = 1 << 0,
        ImportPowerW = 1 << 1,
        ExportPowerW = 1 << 2,
        ImportRegisterWh = 1 << 3,
        ExportRegisterWh = 1 << 4,
        LastPowerAt = 1 << 5,
        LastNetPowerW = 1 << 6,
        ClosedUntil = 1 << 7,
        OfflineSinceReadingAt = 1 << 8,
        DeviceOnlineAt = 1 << 9,
        DeviceOfflineAt = 1 << 10,
        SavedAt = 1 << 11,
    }

    private Present _present;
    private DateTimeOffset _lastReadingAt;
    private double _importPowerW;
    private double _exportPowerW;
    private double _importRegisterWh;
    private double _exportRegisterWh;
    private DateTimeOffset _lastPowerAt;
    private double _lastNetPowerW;
    private DateTimeOffset _closedUntil;
    private DateTimeOffset _offlineSinceReadingAt;
    private DateTimeOffset _deviceOnlineAt;
    private DateTimeOffset _deviceOfflineAt;
    private DateTimeOffset _savedAt;

    private T? Get<T>(T value, Present bit)
        where T : struct => (_present & bit) != 0 ? value : null;

    private void Set<T>(ref T field, Present bit, T? value)
        where T : struct
    {
        field = value ?? default;
        _present = value is null ? _present & ~bit : _present | bit;
    }
}
