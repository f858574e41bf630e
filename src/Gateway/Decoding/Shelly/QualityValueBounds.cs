namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// Plausible ranges of the quality values a Shelly meter reports. A value outside them (a dead phase reporting
/// 198 Hz, say) is left out of the reading with a dead-letter note; the reading's power and registers are kept.
/// </summary>
/// <remarks>
/// Wide on purpose: they catch nonsense, not poor supply. 0 V and 0 A are plausible (a channel with nothing on it).
/// </remarks>
internal static class QualityValueBounds
{
    public const double MaxVoltageV = 1000;
    public const double MaxCurrentA = 2000;
    public const double MinFrequencyHz = 40;
    public const double MaxFrequencyHz = 70;

    /// <summary>Why <paramref name="value"/> is implausible as <paramref name="quantity"/>, or <c>null</c> when it is plausible.</summary>
    public static string? Check(ShellyQuantity quantity, double value) => quantity switch
    {
        ShellyQuantity.Voltage when value is < 0 or > MaxVoltageV => $"voltage {value} V is outside 0–{MaxVoltageV} V",
        ShellyQuantity.Current when value is < 0 or > MaxCurrentA => $"current {value} A is outside 0–{MaxCurrentA} A",
        ShellyQuantity.PowerFactor when value is < -1 or > 1 => $"power factor {value} is outside −1–1",
        ShellyQuantity.Frequency when value is < MinFrequencyHz or > MaxFrequencyHz =>
            $"frequency {value} Hz is outside {MinFrequencyHz}–{MaxFrequencyHz} Hz (a dead phase?)",
        ShellyQuantity.ImportEnergy or ShellyQuantity.ExportEnergy when value < 0 => $"energy register {value} Wh is negative",
        _ => null,
    };
}
