using System.Diagnostics.CodeAnalysis;

namespace MeterGrains.Exports;

/// <summary>The names of <see cref="ExportFormat"/> in configuration, paths, the <c>exports</c> table and the API.</summary>
public static class ExportFormats
{
    public const string Parquet = "parquet";
    public const string Jsonl = "jsonl";

    public static string ToName(ExportFormat format) => format == ExportFormat.Parquet ? Parquet : Jsonl;

    /// <summary>The file name extension (without the dot).</summary>
    public static string Extension(ExportFormat format) => ToName(format);

    public static bool TryParse(string? name, [NotNullWhen(true)] out ExportFormat? format)
    {
        format = name?.ToLowerInvariant() switch
        {
            Parquet => ExportFormat.Parquet,
            Jsonl => ExportFormat.Jsonl,
            _ => null,
        };
        return format is not null;
    }
}
