namespace MeterGrains.Exports;

/// <summary>The file formats of an export.</summary>
public enum ExportFormat
{
    /// <summary>Apache Parquet, one file per kind and day, in row groups of <c>Export:RowGroupRows</c>.</summary>
    Parquet,

    /// <summary>JSON Lines: one JSON object per row, UTF-8, <c>\n</c> after every row.</summary>
    Jsonl,
}
