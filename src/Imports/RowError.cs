namespace MeterGrains.Imports;

/// <summary>A rejected line of an upload: its 1-based line number (the header is line 1) and why.</summary>
public sealed record RowError(long Line, string Message);
