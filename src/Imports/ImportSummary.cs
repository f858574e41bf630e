namespace MeterGrains.Imports;

/// <summary>The answer to a CSV import.</summary>
/// <param name="MeterId">The meter the file was imported for.</param>
/// <param name="Shape"><c>readings</c> or <c>intervalEnergy</c>.</param>
/// <param name="TimeZone">The zone of timestamps without offset, and of hours of day and days in the analysis.</param>
/// <param name="Rows">Data lines read (blank lines not counted).</param>
/// <param name="Accepted">Rows that passed validation.</param>
/// <param name="Stored">Accepted rows that were new.</param>
/// <param name="Duplicates">Accepted rows stored already (by an earlier import, or earlier in this file): unchanged.</param>
/// <param name="Rejected">Rows refused.</param>
/// <param name="Errors">The first refused rows with their line numbers.</param>
/// <param name="IgnoredColumns">Header columns the import does not use.</param>
/// <param name="Channels">Per channel: statistics, anomalies and forecast.</param>
/// <param name="Timings">Server time per stage.</param>
public sealed record ImportSummary(
    string MeterId,
    string Shape,
    string TimeZone,
    long Rows,
    long Accepted,
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ChannelSummary> Channels,
    ImportTimings Timings);
