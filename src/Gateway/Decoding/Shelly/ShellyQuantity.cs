namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>The quantities MeterGrains reads from a Shelly meter channel; the value is the slot in <see cref="ShellyChannelValues"/>.</summary>
internal enum ShellyQuantity
{
    /// <summary>Signed active power, W (negative: returning to the grid).</summary>
    ActivePower,

    /// <summary>Imported energy register, Wh.</summary>
    ImportEnergy,

    /// <summary>Exported energy register, Wh.</summary>
    ExportEnergy,

    /// <summary>Voltage, V.</summary>
    Voltage,

    /// <summary>Current, A.</summary>
    Current,

    /// <summary>Power factor.</summary>
    PowerFactor,

    /// <summary>Frequency, Hz.</summary>
    Frequency,
}
