namespace MeterGrains.Meters;

/// <summary>
/// A grain state as read by <see cref="DirectGrainState"/>: the state object, the ETag its row had when read or last
/// written, and whether the row exists. A struct, kept inline in the grain: no object of its own per activation.
/// </summary>
internal readonly record struct StoredState<T>(T State, string? ETag, bool RecordExists)
    where T : class;
