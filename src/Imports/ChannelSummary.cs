using MeterGrains.Analytics.Forecasting;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Imports;

/// <summary>What one channel of an import looks like, hour by hour.</summary>
/// <param name="Channel">The channel: an appliance or circuit, a value column of a readings file, or empty for the meter itself.</param>
/// <param name="MeterId">The (sub-)meter the rows were stored under.</param>
/// <param name="Quantity"><c>energyWh</c> (energy per hour) or the value column (hourly means).</param>
/// <param name="Unit">Unit of every number of this channel.</param>
/// <param name="Rows">Accepted rows of the channel.</param>
/// <param name="Statistics">Statistics of the hourly values.</param>
/// <param name="Anomalies">Anomalous hours.</param>
/// <param name="Forecast">The 7-day forecast (default method) after the channel's last hour.</param>
public sealed record ChannelSummary(
    string Channel,
    string MeterId,
    string Quantity,
    string Unit,
    long Rows,
    ChannelStatistics? Statistics,
    AnomalySummary Anomalies,
    ChannelForecast? Forecast);
