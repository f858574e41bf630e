namespace MeterGrains.Analytics.Statistics;

/// <summary>Summary of one channel's hourly series.</summary>
/// <param name="Hours">Hours with a value.</param>
/// <param name="Sum">Sum of the hourly values.</param>
/// <param name="Mean">Mean hourly value.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1) of the hourly values; 0 for a single hour.</param>
/// <param name="Min">Smallest hourly value.</param>
/// <param name="MinAt">Start of the first hour with the smallest value.</param>
/// <param name="Max">Largest hourly value.</param>
/// <param name="MaxAt">Start of the first hour with the largest value.</param>
/// <param name="PeakHours">The local hours of day with the highest mean, highest first (at most three).</param>
public sealed record ChannelStatistics(
    int Hours,
    double Sum,
    double Mean,
    double StandardDeviation,
    double Min,
    DateTimeOffset MinAt,
    double Max,
    DateTimeOffset MaxAt,
    IReadOnlyList<PeakHour> PeakHours);
