using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// The values known of one Shelly channel (or component), one nullable slot per <see cref="ShellyQuantity"/>, plus which
/// slots a message mentioned: a Gen2 NotifyStatus overlays exactly the fields it mentions, a JSON <c>null</c> included.
/// </summary>
/// <remarks>Not thread-safe: the owner (an assembler or the status cache) guards it.</remarks>
internal sealed class ShellyChannelValues
{
    private const int QuantityCount = (int)ShellyQuantity.Frequency + 1;

    private readonly double?[] _values = new double?[QuantityCount];
    private int _mentioned;

    /// <summary>The value of <paramref name="quantity"/>, or <c>null</c> when unknown.</summary>
    public double? this[ShellyQuantity quantity] => _values[(int)quantity];

    /// <summary>True when any slot holds a value.</summary>
    public bool HasAnyValue => Array.Exists(_values, static v => v is not null);

    /// <summary>True when a message mentioned <paramref name="quantity"/> (its value may be <c>null</c>).</summary>
    public bool Mentions(ShellyQuantity quantity) => (_mentioned & (1 << (int)quantity)) != 0;

    /// <summary>Records <paramref name="value"/> (<c>null</c>: now unknown) as mentioned.</summary>
    public void Set(ShellyQuantity quantity, double? value)
    {
        _values[(int)quantity] = value;
        _mentioned |= 1 << (int)quantity;
    }

    /// <summary>Copies onto this the slots <paramref name="update"/> mentions, leaving the others as they were.</summary>
    public void Overlay(ShellyChannelValues update)
    {
        for (var i = 0; i < QuantityCount; i++)
        {
            if (update.Mentions((ShellyQuantity)i))
            {
                Set((ShellyQuantity)i, update._values[i]);
            }
        }
    }

    /// <summary>A copy, safe to read outside the owner's guard.</summary>
    public ShellyChannelValues Copy()
    {
        var copy = new ShellyChannelValues { _mentioned = _mentioned };
        _values.CopyTo(copy._values, 0);
        return copy;
    }

    /// <summary>The field of <see cref="MeterReading"/> that <paramref name="quantity"/> feeds, for messages.</summary>
    public static string ReadingFieldOf(ShellyQuantity quantity) => quantity switch
    {
        ShellyQuantity.ActivePower => "importPowerW/exportPowerW",
        ShellyQuantity.ImportEnergy => "importRegisterWh",
        ShellyQuantity.ExportEnergy => "exportRegisterWh",
        ShellyQuantity.Voltage => "voltageV",
        ShellyQuantity.Current => "currentA",
        ShellyQuantity.PowerFactor => "powerFactor",
        _ => "frequencyHz",
    };

    /// <summary>
    /// The reading of a single-channel meter at <paramref name="timestamp"/>: signed power split by the sign rule,
    /// registers, and the quality values; <c>null</c> when no slot holds a value.
    /// </summary>
    public MeterReading? ToReading(DateTimeOffset timestamp, bool withQualityValues)
    {
        var power = this[ShellyQuantity.ActivePower];
        var split = power is { } p ? SignedPower.Split(p) : ((double, double)?)null;
        var reading = new MeterReading(
            timestamp.ToUniversalTime(),
            ImportPowerW: split?.Item1,
            ExportPowerW: split?.Item2,
            ImportRegisterWh: this[ShellyQuantity.ImportEnergy],
            ExportRegisterWh: this[ShellyQuantity.ExportEnergy],
            VoltageV: withQualityValues ? this[ShellyQuantity.Voltage] : null,
            CurrentA: withQualityValues ? this[ShellyQuantity.Current] : null,
            PowerFactor: withQualityValues ? this[ShellyQuantity.PowerFactor] : null,
            FrequencyHz: withQualityValues ? this[ShellyQuantity.Frequency] : null);
        return reading.HasAnyValue ? reading : null;
    }
}
