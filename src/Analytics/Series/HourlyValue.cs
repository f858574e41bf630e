namespace MeterGrains.Analytics.Series;

/// <summary>One hour of a channel: the UTC start of the hour and the channel's value over it.</summary>
/// <param name="Start">UTC start of the hour (minutes and seconds zero).</param>
/// <param name="Value">Energy in the hour (Wh) for energy channels, the hour's mean for instantaneous values.</param>
public readonly record struct HourlyValue(DateTimeOffset Start, double Value);
