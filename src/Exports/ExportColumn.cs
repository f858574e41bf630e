namespace MeterGrains.Exports;

/// <summary>One exported column: its name (as in PostgreSQL), type, whether it may be null, and its unit.</summary>
public sealed record ExportColumn(string Name, ExportColumnType Type, bool Nullable, string? Unit = null);
