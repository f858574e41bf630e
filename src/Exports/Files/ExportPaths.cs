using System.Globalization;

namespace MeterGrains.Exports.Files;

/// <summary>
/// The Hive-style layout under <c>Export:Directory</c>: <c>kind=readings/date=2026-11-22/part-0000.parquet</c>, with a
/// <c>_SUCCESS</c> marker beside the file once it is complete. Query engines read <c>kind</c> and <c>date</c> as
/// partition columns from the directory names.
/// </summary>
public static class ExportPaths
{
    public const string SuccessMarker = "_SUCCESS";

    /// <summary>The partition directory, relative, with <c>/</c> separators.</summary>
    public static string PartitionDirectory(ExportKind kind, DateOnly day) =>
        $"kind={ExportKinds.ToName(kind)}/date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The data file, relative, with <c>/</c> separators.</summary>
    public static string DataFile(ExportKind kind, DateOnly day, ExportFormat format) =>
        $"{PartitionDirectory(kind, day)}/part-0000.{ExportFormats.Extension(format)}";
}
