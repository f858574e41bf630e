using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>One reading object of a generic JSON payload: the reading, or why it is not one.</summary>
/// <param name="Index">Zero-based position in the payload (0 for a single object).</param>
/// <param name="Reading">The reading, when the object is well-formed; otherwise null.</param>
/// <param name="Reason">Why the object was refused, naming the offending field; null when it was read.</param>
/// <param name="RawText">The refused object as text, possibly truncated; null when it was read.</param>
public sealed record GenericJsonElement(int Index, MeterReading? Reading, string? Reason, string? RawText);
