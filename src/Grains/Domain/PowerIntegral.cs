namespace MeterGrains.Domain;

/// <summary>Imported and exported energy over an interval, in Wh.</summary>
public readonly record struct EnergySplit(double ImportWh, double ExportWh)
{
    public static EnergySplit operator +(EnergySplit a, EnergySplit b) => new(a.ImportWh + b.ImportWh, a.ExportWh + b.ExportWh);
}

/// <summary>
/// The exact integral of net power taken as linear between two readings (domain.md):
/// import is the area where net power is positive, export the area where it is negative,
/// split at the linear zero crossing.
/// </summary>
public static class PowerIntegral
{
    private const double SecondsPerHour = 3600.0;

    /// <summary>Energy of a line from <paramref name="n0"/> to <paramref name="n1"/> watts over <paramref name="seconds"/>.</summary>
    public static EnergySplit Between(double n0, double n1, double seconds)
    {
        if (seconds <= 0)
        {
            return default;
        }

        if (n0 >= 0 && n1 >= 0)
        {
            return new EnergySplit((n0 + n1) / 2 * seconds / SecondsPerHour, 0);
        }

        if (n0 <= 0 && n1 <= 0)
        {
            return new EnergySplit(0, -(n0 + n1) / 2 * seconds / SecondsPerHour);
        }

        // The sign changes inside the interval: two triangles meeting at the zero crossing.
        var crossing = seconds * n0 / (n0 - n1);
        var first = Math.Abs(n0) * crossing / 2 / SecondsPerHour;
        var second = Math.Abs(n1) * (seconds - crossing) / 2 / SecondsPerHour;
        return n0 > 0 ? new EnergySplit(first, second) : new EnergySplit(second, first);
    }
}
