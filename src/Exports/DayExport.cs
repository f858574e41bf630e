namespace MeterGrains.Exports;

/// <summary>What became of one day in an export run: its files, or <paramref name="Busy"/> when another session held the day.</summary>
public sealed record DayExport(DateOnly Day, bool Busy, IReadOnlyList<ExportRecord> Files);
