namespace MeterGrains.Exports;

/// <summary>An export was asked for while <c>Export:Directory</c> is not set.</summary>
public sealed class ExportNotConfiguredException()
    : InvalidOperationException($"{ExportOptions.SectionName}:Directory is not set: there is nowhere to export to.");
