using MeterGrains.Imports.Csv;
using MeterGrains.Meters;

namespace MeterGrains.Imports.Storage;

/// <summary>
/// Where imported rows go. Idempotent: a row whose (meter, instant) is stored already is skipped, so the same file
/// twice changes nothing. Each call is one transaction.
/// </summary>
public interface IImportStore
{
    /// <summary>Stores interval energy; returns how many rows were new. The rows are lent for the call: the importer reuses them once it has ended.</summary>
    ValueTask<int> AppendEnergyAsync(IReadOnlyList<EnergyRow> rows, CancellationToken cancellationToken);

    /// <summary>Stores historical readings of one meter as raw readings; returns how many were new.</summary>
    ValueTask<int> AppendReadingsAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken);
}
