namespace MeterGrains.Bench;

/// <summary>Nearest-rank percentiles of a set of latencies, in milliseconds.</summary>
public sealed record Latencies(int Count, double P50, double P90, double P99, double Max)
{
    public static Latencies Of(IReadOnlyList<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new Latencies(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = milliseconds.Order().ToArray();
        return new Latencies(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank: the smallest value with at least p of all values at or below it.
    private static double Rank(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
