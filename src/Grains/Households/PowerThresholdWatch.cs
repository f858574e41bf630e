namespace MeterGrains.Households;

/// <summary>
/// Follows one <see cref="PowerThreshold"/> over a stream of power observations. A value holds from its observation
/// until the next one (the household flow is a step function of its meters' latest readings), so the threshold is
/// exceeded at <c>aboveSince + sustain</c> once the power has stayed above it for that long, and recovers at the first
/// observation at or below it. Observations older than the newest seen are ignored. Plain C#, no Orleans.
/// </summary>
public sealed class PowerThresholdWatch(PowerThreshold threshold)
{
    private DateTimeOffset? _aboveSince;
    private DateTimeOffset? _lastAt;

    public PowerThreshold Threshold { get; } = threshold;

    /// <summary>True between an exceeded crossing and the following recovery.</summary>
    public bool IsExceeded { get; private set; }

    /// <summary>The crossings that <paramref name="watts"/> at <paramref name="at"/> reveals, oldest first (at most two).</summary>
    public IReadOnlyList<ThresholdCrossing> Observe(double watts, DateTimeOffset at)
    {
        if (_lastAt is { } last && at < last)
        {
            return [];
        }

        _lastAt = at;
        List<ThresholdCrossing>? crossings = null;
        if (watts > Threshold.Watts)
        {
            _aboveSince ??= at;
            ExceedIfSustained(at, ref crossings);
            return crossings ?? [];
        }

        // The previous value held until now: a run that lasted long enough exceeded before it ended.
        ExceedIfSustained(at, ref crossings);
        _aboveSince = null;
        if (IsExceeded)
        {
            IsExceeded = false;
            (crossings ??= []).Add(new ThresholdCrossing(Exceeded: false, at));
        }

        return crossings ?? [];
    }

    private void ExceedIfSustained(DateTimeOffset until, ref List<ThresholdCrossing>? crossings)
    {
        if (IsExceeded || _aboveSince is not { } since)
        {
            return;
        }

        var exceededAt = since + Threshold.Sustain;
        if (exceededAt <= until)
        {
            IsExceeded = true;
            (crossings ??= []).Add(new ThresholdCrossing(Exceeded: true, exceededAt));
        }
    }
}
