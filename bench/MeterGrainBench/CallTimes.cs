using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>Latencies of a run of sequential calls, with the wall time and the bytes allocated per call (whole process).</summary>
internal sealed class CallTimes(double[] micros, TimeSpan elapsed, double allocatedPerCall)
{
    private readonly double[] _sorted = [.. micros.Order()];

    public double MeanMicroseconds => _sorted.Average();

    public double Percentile(double p) => _sorted[Math.Min(_sorted.Length - 1, (int)(p * _sorted.Length))];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MeanMicroseconds,9:F1} {Percentile(0.5),9:F1} {Percentile(0.9),9:F1} {Percentile(0.99),9:F1} {_sorted.Length / elapsed.TotalSeconds,9:N0} {allocatedPerCall,18:N0}");
}
