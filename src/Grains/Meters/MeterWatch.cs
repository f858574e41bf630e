using System.Collections.Concurrent;

namespace MeterGrains.Meters;

/// <summary>
/// When each active meter of this silo next needs attention (a snapshot to write behind, a silence to notice): one
/// entry per meter instead of a grain timer per meter. <see cref="MeterWatchService"/> sweeps it and calls the meters
/// that are due.
/// </summary>
public sealed class MeterWatch
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    /// <summary>Meters waiting for a call.</summary>
    public int Count => _due.Count;

    /// <summary>Asks for a call to <paramref name="meterId"/> at <paramref name="at"/>, replacing an earlier request.</summary>
    public void Arm(string meterId, DateTimeOffset at) => _due[meterId] = at;

    /// <summary>Withdraws the request of <paramref name="meterId"/>, if any.</summary>
    public void Disarm(string meterId) => _due.TryRemove(meterId, out _);

    /// <summary>Removes and returns the meters due at <paramref name="now"/>. A request re-armed meanwhile stays.</summary>
    public IReadOnlyList<string> TakeDue(DateTimeOffset now)
    {
        List<string>? due = null;
        foreach (var (meterId, at) in _due)
        {
            if (at <= now && _due.TryRemove(KeyValuePair.Create(meterId, at)))
            {
                (due ??= []).Add(meterId);
            }
        }

        return due ?? [];
    }
}
