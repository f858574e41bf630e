using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>Decoded readings of one meter, in the order the payload carried them.</summary>
/// <param name="MeterId">A valid meter id (see <see cref="MeterIds"/>).</param>
/// <param name="Readings">At least one reading, each with at least one value.</param>
public sealed record MeterBatch(string MeterId, IReadOnlyList<MeterReading> Readings);
