namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>The Shelly Gen2+ energy-meter components MeterGrains reads (shelly.md).</summary>
internal enum Gen2ComponentKind
{
    /// <summary><c>em:N</c>: a three-phase meter's powers (Pro 3EM, 3EM Gen3 in the three-phase profile).</summary>
    ThreePhase,

    /// <summary><c>emdata:N</c>: a three-phase meter's energy registers.</summary>
    ThreePhaseData,

    /// <summary><c>em1:N</c>: one channel's power and quality values (Pro EM, EM Gen3, Pro 3EM single-phase profile).</summary>
    Channel,

    /// <summary><c>em1data:N</c>: one channel's energy registers.</summary>
    ChannelData,
}
