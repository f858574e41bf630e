namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>How the gateway assembles Shelly Gen1 (EM, 3EM) values into readings; bound from <c>Shelly:Gen1</c>.</summary>
public sealed class ShellyGen1Options
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Shelly:Gen1";

    /// <summary>
    /// Values of one device channel (of the whole device for a 3EM) that arrive within this time of the first one form
    /// one reading, stamped with the receive time of that first value. Default 2 s; between 100 ms and 30 s
    /// (the device publishes every 30 s by default, and a window must not swallow two publications).
    /// </summary>
    public TimeSpan AssemblyWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a 3EM also feeds one meter per phase, <c>&lt;deviceId&gt;:&lt;phase&gt;</c> with that phase's power,
    /// registers, voltage, current and power factor, besides the summed meter <c>&lt;deviceId&gt;</c>. Default <c>false</c>.
    /// </summary>
    public bool PhaseMeters { get; set; }

    /// <summary>
    /// Most readings being assembled at once (over all devices); a value that would open one more is dead-lettered.
    /// Bounds the memory a flood of invented device ids can take. Default 100000.
    /// </summary>
    public int MaxOpenWindows { get; set; } = 100_000;
}
