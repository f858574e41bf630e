namespace MeterGrains.Simulator.Households;

/// <summary>One sample of one simulated household.</summary>
/// <param name="MeterIndex">Which meter of the fleet (0-based); formats make device and meter ids from it.</param>
/// <param name="Timestamp">When the sample was taken.</param>
/// <param name="Grid">The grid connection: net power and the household's registers.</param>
/// <param name="Production">The PV circuit, as a second clamp sees it: production as negative (returned) power.</param>
internal sealed record MeterReading(int MeterIndex, DateTimeOffset Timestamp, ChannelReading Grid, ChannelReading Production);
