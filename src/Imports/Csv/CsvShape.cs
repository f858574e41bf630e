namespace MeterGrains.Imports.Csv;

/// <summary>The two kinds of file the CSV import takes.</summary>
public enum CsvShape
{
    /// <summary><c>ts</c> plus value columns of domain.md (<c>importPowerW</c>, …).</summary>
    Readings,

    /// <summary>A timestamp, an optional channel column, and energy per interval in <c>kwh</c> or <c>wh</c>.</summary>
    IntervalEnergy,
}
