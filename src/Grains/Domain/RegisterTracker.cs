namespace MeterGrains.Domain;

/// <summary>
/// Makes a cumulative energy register monotone (domain.md): a drop of more than
/// <see cref="JitterToleranceWh"/> is a reset and the register continues from its previous value
/// plus the new raw value; a smaller drop is jitter and the register holds its previous value.
/// </summary>
public sealed class RegisterTracker
{
    /// <summary>Largest drop, in Wh, that is taken as jitter rather than a reset.</summary>
    public const double JitterToleranceWh = 1.0;

    /// <summary>The raw value the next reading is compared with.</summary>
    public double? LastRawWh { get; private set; }

    /// <summary>The first raw value seen: energy is counted from here.</summary>
    public double? FirstRawWh { get; private set; }

    /// <summary>The reset-corrected register value.</summary>
    public double? CorrectedWh { get; private set; }

    /// <summary>Number of resets detected.</summary>
    public int Resets { get; private set; }

    /// <summary>Energy counted by the register since its first reading, reset-corrected.</summary>
    public double? EnergySinceFirstWh => CorrectedWh - FirstRawWh;

    public RegisterTracker()
    {
    }

    public RegisterTracker(double? firstRawWh, double? lastRawWh, double? correctedWh, int resets)
    {
        FirstRawWh = firstRawWh;
        LastRawWh = lastRawWh;
        CorrectedWh = correctedWh;
        Resets = resets;
    }

    /// <summary>Applies the next raw register value (in time order) and returns the corrected value.</summary>
    public double Apply(double rawWh)
    {
        if (LastRawWh is not { } last || CorrectedWh is not { } corrected)
        {
            FirstRawWh = rawWh;
            LastRawWh = rawWh;
            CorrectedWh = rawWh;
            return rawWh;
        }

        var delta = rawWh - last;
        if (delta >= 0)
        {
            CorrectedWh = corrected + delta;
            LastRawWh = rawWh;
        }
        else if (delta < -JitterToleranceWh)
        {
            // A reset: the register restarted at 0 and has counted rawWh since.
            CorrectedWh = corrected + rawWh;
            LastRawWh = rawWh;
            Resets++;
        }

        // Jitter: hold the previous value and keep comparing with the higher raw value.
        return CorrectedWh.Value;
    }
}
