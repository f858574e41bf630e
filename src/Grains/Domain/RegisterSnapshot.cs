namespace MeterGrains.Domain;

/// <summary>The persisted form of a <see cref="RegisterTracker"/>.</summary>
/// <remarks>
/// A struct stored inline in <see cref="MeterSnapshot"/> (four of them per meter): as a class each was a separate
/// object of 72 bytes plus its reference. The three optional values are kept as plain doubles with one byte of
/// presence bits, 32 bytes in all instead of 56 for three <c>double?</c> and an int; <c>default</c> is the empty
/// register. Serialized through its public properties, so the persisted JSON is unchanged.
/// </remarks>
public struct RegisterSnapshot
{
    private const byte HasFirstRaw = 1;
    private const byte HasLastRaw = 2;
    private const byte HasCorrected = 4;

    private double _firstRawWh;
    private double _lastRawWh;
    private double _correctedWh;
    private byte _present;

    public double? FirstRawWh
    {
        readonly get => PresenceBits.Get(_present, HasFirstRaw, _firstRawWh);
        set => PresenceBits.Set(ref _present, HasFirstRaw, ref _firstRawWh, value);
    }

    public double? LastRawWh
    {
        readonly get => PresenceBits.Get(_present, HasLastRaw, _lastRawWh);
        set => PresenceBits.Set(ref _present, HasLastRaw, ref _lastRawWh, value);
    }

    public double? CorrectedWh
    {
        readonly get => PresenceBits.Get(_present, HasCorrected, _correctedWh);
        set => PresenceBits.Set(ref _present, HasCorrected, ref _correctedWh, value);
    }

    public int Resets { get; set; }
}
