namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>How the gateway decodes Shelly Gen2+ (Pro EM, Pro 3EM, EM Gen3) notifications; bound from <c>Shelly:Gen2</c>.</summary>
public sealed class ShellyGen2Options
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Shelly:Gen2";

    /// <summary>
    /// Most devices whose last known status the gateway keeps, to overlay NotifyStatus (which carries only what changed)
    /// on it. Above it the device heard from longest ago is forgotten: its next NotifyStatus yields only the fields it
    /// carries, until its next full status. Default 100000 (a few hundred bytes each).
    /// </summary>
    public int MaxTrackedDevices { get; set; } = 100_000;

    /// <summary>
    /// Whether a three-phase device (<c>em:0</c>, <c>emdata:0</c>) also feeds one meter per phase,
    /// <c>&lt;deviceId&gt;:0</c>…<c>:2</c> for a–c, with the phase's power, registers, voltage, current, power factor and
    /// frequency, so that a dead phase is seen (<c>Shelly:Gen2:PhaseMeters</c>, default off, as <c>Shelly:Gen1:PhaseMeters</c>).
    /// </summary>
    public bool PhaseMeters { get; set; }
}
