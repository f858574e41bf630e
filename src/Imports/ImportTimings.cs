namespace MeterGrains.Imports;

/// <summary>Server time of an import, in milliseconds, split into its stages.</summary>
/// <param name="ParseMs">Reading and parsing the lines (without the store calls made on the way).</param>
/// <param name="StoreMs">Storing the rows in PostgreSQL.</param>
/// <param name="AnalyseMs">Statistics, anomalies and forecasts; runs while the last batch is stored.</param>
/// <param name="TotalMs">All of it (less than the sum of the stages, as the last store and the analysis overlap).</param>
public sealed record ImportTimings(double ParseMs, double StoreMs, double AnalyseMs, double TotalMs);
