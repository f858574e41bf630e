namespace MeterGrains.Imports.History;

/// <summary>Reads a meter's hourly energy history for forecasts.</summary>
public interface IMeterHistoryReader
{
    /// <summary>
    /// The last <paramref name="window"/> of stored history, ending with the latest stored hour: imported interval energy
    /// when the meter (or sub-meter) has any, else the meter's complete quarter-hour buckets summed to whole hours.
    /// Null when nothing is stored.
    /// </summary>
    Task<MeterHistory?> ReadHourlyAsync(string meterId, TimeSpan window, CancellationToken cancellationToken);
}
