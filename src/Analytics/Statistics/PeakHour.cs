namespace MeterGrains.Analytics.Statistics;

/// <summary>An hour of the local day and the channel's mean value in it.</summary>
public sealed record PeakHour(int Hour, double Mean);
