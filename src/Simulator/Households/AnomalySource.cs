namespace MeterGrains.Simulator.Households;

/// <summary>Draws an anomaly for a reading with probability <c>rate</c>: half spikes, a third dropouts, the rest register resets.</summary>
internal sealed class AnomalySource(double rate)
{
    public AnomalyKind Next(Random random)
    {
        if (rate <= 0 || random.NextDouble() >= rate)
        {
            return AnomalyKind.None;
        }

        return random.NextDouble() switch
        {
            < 0.5 => AnomalyKind.Spike,
            < 0.85 => AnomalyKind.Dropout,
            _ => AnomalyKind.RegisterReset,
        };
    }
}
