namespace MeterGrains.Simulator.Formats;

/// <summary>
/// A three-phase device's phases: fixed shares (50 %, 30 %, 20 %) of the household's value, the last phase taking
/// the rounding rest, so the phases add up to the value the cloud integrates and every phase keeps its sign.
/// </summary>
internal static class ThreePhases
{
    private const double ShareA = 0.5;
    private const double ShareB = 0.3;

    public static (double A, double B, double C) Split(double total, int decimals)
    {
        var a = Numbers.Round(total * ShareA, decimals);
        var b = Numbers.Round(total * ShareB, decimals);
        var c = Numbers.Round(Numbers.Round(total, decimals) - a - b, decimals);
        return (a, b, c);
    }
}
