namespace MeterGrains.Exports;

/// <summary>What an export holds: raw readings or quarter-hour buckets.</summary>
public enum ExportKind
{
    /// <summary>The rows of <c>meter_readings</c> whose <c>ts</c> falls in the day.</summary>
    Readings,

    /// <summary>The rows of <c>meter_buckets</c> whose <c>bucket_start</c> falls in the day.</summary>
    Buckets,
}
