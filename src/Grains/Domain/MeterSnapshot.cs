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
        get => PresenceBits.Get(_present, Present.LastReadingAt, _lastReadingAt);
        set => PresenceBits.Set(ref _present, Present.LastReadingAt, ref _lastReadingAt, value);
    }

    public double? ImportPowerW
    {
        get => PresenceBits.Get(_present, Present.ImportPowerW, _importPowerW);
        set => PresenceBits.Set(ref _present, Present.ImportPowerW, ref _importPowerW, value);
    }

    public double? ExportPowerW
    {
        get => PresenceBits.Get(_present, Present.ExportPowerW, _exportPowerW);
        set => PresenceBits.Set(ref _present, Present.ExportPowerW, ref _exportPowerW, value);
    }

    public double? ImportRegisterWh
    {
        get => PresenceBits.Get(_present, Present.ImportRegisterWh, _importRegisterWh);
        set => PresenceBits.Set(ref _present, Present.ImportRegisterWh, ref _importRegisterWh, value);
    }

    public double? ExportRegisterWh
    {
        get => PresenceBits.Get(_present, Present.ExportRegisterWh, _exportRegisterWh);
        set => PresenceBits.Set(ref _present, Present.ExportRegisterWh, ref _exportRegisterWh, value);
    }

    /// <summary>Time and net power of the last reading that carried power: the start of the next interval.</summary>
    public DateTimeOffset? LastPowerAt
    {
        get => PresenceBits.Get(_present, Present.LastPowerAt, _lastPowerAt);
        set => PresenceBits.Set(ref _present, Present.LastPowerAt, ref _lastPowerAt, value);
    }

    public double? LastNetPowerW
    {
        get => PresenceBits.Get(_present, Present.LastNetPowerW, _lastNetPowerW);
        set => PresenceBits.Set(ref _present, Present.LastNetPowerW, ref _lastNetPowerW, value);
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
        get => PresenceBits.Get(_present, Present.ClosedUntil, _closedUntil);
        set => PresenceBits.Set(ref _present, Present.ClosedUntil, ref _closedUntil, value);
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
        get => PresenceBits.Get(_present, Present.OfflineSinceReadingAt, _offlineSinceReadingAt);
        set => PresenceBits.Set(ref _present, Present.OfflineSinceReadingAt, ref _offlineSinceReadingAt, value);
    }

    /// <summary>When the meter's device last reported itself online (Shelly <c>online</c> = <c>true</c>): a sign of life.</summary>
    public DateTimeOffset? DeviceOnlineAt
    {
        get => PresenceBits.Get(_present, Present.DeviceOnlineAt, _deviceOnlineAt);
        set => PresenceBits.Set(ref _present, Present.DeviceOnlineAt, ref _deviceOnlineAt, value);
    }

    /// <summary>
    /// When the meter's device last reported itself offline (Shelly <c>online</c> = <c>false</c>, usually its last will):
    /// the meter is offline from then until a later sign of life.
    /// </summary>
    public DateTimeOffset? DeviceOfflineAt
    {
        get => PresenceBits.Get(_present, Present.DeviceOfflineAt, _deviceOfflineAt);
        set => PresenceBits.Set(ref _present, Present.DeviceOfflineAt, ref _deviceOfflineAt, value);
    }

    /// <summary>What the anomaly checks remember (<see cref="MeterAnomalies"/>); null before the first reading they judged.</summary>
    public MeterAnomalyState? Anomalies { get; set; }

    /// <summary>When this snapshot was last written; bounds how far back the replay has to look.</summary>
    public DateTimeOffset? SavedAt
    {
        get => PresenceBits.Get(_present, Present.SavedAt, _savedAt);
        set => PresenceBits.Set(ref _present, Present.SavedAt, ref _savedAt, value);
    }

    /// <summary>Which of the optional values are set.</summary>
    private static class Present
    {
        public const ushort LastReadingAt = 1 << 0;

        public const ushort ImportPowerW = 1 << 1;

        public const ushort ExportPowerW = 1 << 2;

        public const ushort ImportRegisterWh = 1 << 3;

        public const ushort ExportRegisterWh = 1 << 4;

        public const ushort LastPowerAt = 1 << 5;

        public const ushort LastNetPowerW = 1 << 6;

        public const ushort ClosedUntil = 1 << 7;

        public const ushort OfflineSinceReadingAt = 1 << 8;

        public const ushort DeviceOnlineAt = 1 << 9;

        public const ushort DeviceOfflineAt = 1 << 10;

        public const ushort SavedAt = 1 << 11;
    }

    private ushort _present;
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

}
