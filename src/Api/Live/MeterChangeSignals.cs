namespace MeterGrains.Api.Live;

/// <summary>
/// Wakes whoever follows a meter on this process (a gRPC <c>StreamReadings</c> with <c>follow</c>) when the meter's
/// grain pushes a change to this process's <see cref="LiveObserver"/>. A change of a meter nobody follows here costs a
/// lookup.
/// </summary>
public sealed class MeterChangeSignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<MeterChangeSignal>> _byMeter = new(StringComparer.Ordinal);

    /// <summary>A signal set by every change of <paramref name="meterId"/> from now on, until it is disposed.</summary>
    public MeterChangeSignal Listen(string meterId)
    {
        var signal = new MeterChangeSignal(this, meterId);
        lock (_gate)
        {
            if (!_byMeter.TryGetValue(meterId, out var signals))
            {
                _byMeter[meterId] = signals = [];
            }

            signals.Add(signal);
        }

        return signal;
    }

    public void Notify(string meterId)
    {
        lock (_gate)
        {
            if (_byMeter.TryGetValue(meterId, out var signals))
            {
                foreach (var signal in signals)
                {
                    signal.Set();
                }
            }
        }
    }

    internal void Remove(MeterChangeSignal signal)
    {
        lock (_gate)
        {
            if (_byMeter.TryGetValue(signal.MeterId, out var signals) && signals.Remove(signal) && signals.Count == 0)
            {
                _byMeter.Remove(signal.MeterId);
            }
        }
    }
}
