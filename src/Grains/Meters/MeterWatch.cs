using System.Collections.Concurrent;

namespace MeterGrains.Meters;

/// <summary>
/// When each active meter of this silo next needs attention (a snapshot to write behind, a silence to notice): one
/// entry per meter instead of a grain timer per meter. <see cref="MeterWatchService"/> sweeps it and calls the meters
/// that are due.
/// </summary>
/// <remarks>
/// Keyed by the meter's <see cref="GrainId"/>, which shares the bytes its activation holds anyway: a key string would
/// be built per meter (<c>GetPrimaryKeyString</c> decodes a new one on every call) and kept for as long as the meter
/// waits, which for an active meter is always.
/// </remarks>
public sealed class MeterWatch
{
    private readonly ConcurrentDictionary<GrainId, DateTimeOffset> _due = new();

    /// <summary>Meters waiting for a call.</summary>
    public int Count => _due.Count;

    /// <summary>Asks for a call to <paramref name="meter"/> at <paramref name="at"/>, replacing an earlier request.</summary>
    public void Arm(GrainId meter, DateTimeOffset at) => _due[meter] = at;

    /// <summary>Withdraws the request of <paramref name="meter"/>, if any.</summary>
    public void Disarm(GrainId meter) => _due.TryRemove(meter, out _);

    /// <summary>Removes and returns the meters due at <paramref name="now"/>. A request re-armed meanwhile stays.</summary>
    public IReadOnlyList<GrainId> TakeDue(DateTimeOffset now)
    {
        List<GrainId>? due = null;
        foreach (var (meter, at) in _due)
        {
            if (at <= now && _due.TryRemove(KeyValuePair.Create(meter, at)))
            {
                (due ??= []).Add(meter);
            }
        }

        return due ?? [];
    }
}
