namespace MeterGrains.Simulator.Households;

/// <summary>
/// The energy of a power that moves linearly from <c>p0</c> to <c>p1</c> over an interval, split into the part drawn
/// from the grid (power above zero) and the part returned (below zero). The cloud integrates the same way (domain.md),
/// so a simulated register that grows by this amount can be checked against the cloud's power integral.
/// </summary>
internal static class LinearEnergy
{
    private const double SecondsPerHour = 3600;

    public static (double ImportWh, double ExportWh) Between(double p0, double p1, double seconds)
    {
        if (seconds <= 0)
        {
            return (0, 0);
        }

        if (p0 >= 0 && p1 >= 0)
        {
            return ((p0 + p1) / 2 * seconds / SecondsPerHour, 0);
        }

        if (p0 <= 0 && p1 <= 0)
        {
            return (0, -(p0 + p1) / 2 * seconds / SecondsPerHour);
        }

        // The sign changes inside: two triangles meeting at the zero crossing.
        var crossing = seconds * p0 / (p0 - p1);
        var first = p0 / 2 * crossing / SecondsPerHour;
        var second = p1 / 2 * (seconds - crossing) / SecondsPerHour;
        return p0 > 0 ? (first, -second) : (second, -first);
    }
}
