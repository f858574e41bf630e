namespace MeterGrains.Exports;

/// <summary>The value types of exported columns, each with one Parquet physical and logical type (see README, "Exports").</summary>
public enum ExportColumnType
{
    /// <summary>BYTE_ARRAY, logical type STRING (UTF-8).</summary>
    Text,

    /// <summary>INT64, logical type TIMESTAMP(isAdjustedToUTC = true, unit = MICROS).</summary>
    Timestamp,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>INT64.</summary>
    Int64,
}
