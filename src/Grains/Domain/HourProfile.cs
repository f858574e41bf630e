namespace MeterGrains.Domain;

/// <summary>One hour of a <see cref="PowerProfile"/>: the exponentially weighted mean and variance of net power.</summary>
/// <param name="MeanW">Mean net power, W; NaN while the hour has seen no reading.</param>
/// <param name="VarianceW2">Variance of net power, W².</param>
/// <param name="ObservedSeconds">Time the hour has observed (capped at 65,535 s): its warm-up.</param>
public readonly record struct HourProfile(double MeanW, double VarianceW2, int ObservedSeconds)
{
    public bool IsEmpty => double.IsNaN(MeanW);

    public double StandardDeviationW => Math.Sqrt(VarianceW2);
}
