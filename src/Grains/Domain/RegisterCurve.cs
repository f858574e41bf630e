namespace MeterGrains.Domain;

/// <summary>
/// The reset-corrected register <c>R(t)</c> of one kind over the reorder window: a replay of the window's raw values
/// through a <see cref="RegisterTracker"/> that starts from the state before the window, linear between readings.
/// Replaying on every change (a window holds at most a few hundred readings) makes a late register reading
/// re-decide every later reset and jitter exactly as in-order arrival would have.
/// </summary>
internal static class RegisterCurve
{
    /// <summary>Replays the window and returns the tracker after its last reading, with the corrected points in time order.</summary>
    public static (RegisterTracker Tracker, List<(DateTimeOffset At, double Wh)> Points) Replay(
        RegisterSnapshot before, IReadOnlyList<RecentReading> window, RegisterKind kind)
    {
        var tracker = RegisterState.Restore(before);
        var points = new List<(DateTimeOffset, double)>(window.Count); // sized once: this runs on every register reading
        foreach (var reading in window)
        {
            if (reading.Register(kind) is { } raw)
            {
                points.Add((reading.At, tracker.Apply(raw)));
            }
        }

        return (tracker, points);
    }

    /// <summary>Calls <paramref name="set"/> with <c>R(e)</c> for every quarter-hour edge <c>e</c> the points bracket.</summary>
    public static void ForEachEdge(List<(DateTimeOffset At, double Wh)> points, Action<DateTimeOffset, double> set)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var (t0, r0) = points[i];
            if (QuarterHour.Floor(t0) == t0)
            {
                set(t0, r0);
            }

            if (i + 1 == points.Count)
            {
                break;
            }

            var (t1, r1) = points[i + 1];
            var span = (double)(t1 - t0).Ticks;
            for (var edge = QuarterHour.NextEdgeAfter(t0); edge < t1; edge += QuarterHour.Length)
            {
                set(edge, r0 + ((r1 - r0) * ((edge - t0).Ticks / span)));
            }
        }
    }
}
