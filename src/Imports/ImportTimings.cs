namespace MeterGrains.Imports;

/// <summary>Server time of an import, in milliseconds, split into its stages.</summary>
/// <param name="ParseMs">Reading and parsing the lines (without the time spent waiting for a store call to finish).</param>
/// <param name="StoreMs">Storing the rows in PostgreSQL: the store calls' durations added up.</param>
/// <param name="AnalyseMs">Statistics, anomalies and forecasts; runs while the last batches are stored.</param>
/// <param name="TotalMs">All of it (less than the sum of the stages: batches are stored while the rest of the file is
/// parsed, and while the channels are analysed).</param>
public sealed record ImportTimings(double ParseMs, double StoreMs, double AnalyseMs, double TotalMs);
