namespace MeterGrains.Exports;

/// <summary>The daily export of raw readings and quarter-hour buckets, bound from the <c>Export</c> configuration section.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>
    /// Whether grain silos export every complete UTC day by themselves, at start and daily at <see cref="TimeOfDay"/>
    /// (<c>Export:Enabled</c>). Default false. The operator endpoint exports on request whenever a directory is set.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The absolute directory the files go to (<c>Export:Directory</c>); required when enabled. On several silos it must be
    /// the same shared directory (a volume, or an object-store mount).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>The file format, <c>parquet</c> (default) or <c>jsonl</c> (<c>Export:Format</c>).</summary>
    public string Format { get; set; } = ExportFormats.Parquet;

    /// <summary>
    /// When a day is due, in UTC after the day's end (<c>Export:TimeOfDay</c>): day D is exported from D+1 at this time,
    /// which leaves late readings and the last quarter-hours of the day time to arrive. Default 01:00:00.
    /// </summary>
    public TimeSpan TimeOfDay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows per Parquet row group, and per batch held in memory while writing (<c>Export:RowGroupRows</c>). Default 100000.</summary>
    public int RowGroupRows { get; set; } = 100_000;
}
