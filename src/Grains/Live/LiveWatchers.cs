namespace MeterGrains.Live;

/// <summary>
/// The observers watching one grain, each with a lease that lapses unless renewed. Costs one null check per change
/// while nobody watches. Pushes are one-way calls, so notifying never waits on a dashboard, and a failure to send
/// (an observer whose process is gone) never reaches the grain's caller.
/// </summary>
public sealed class LiveWatchers(TimeProvider clock)
{
    /// <summary>The longest lease granted, whatever the watcher asks for.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromMinutes(15);

    private Dictionary<ILiveObserver, DateTimeOffset>? _leaseEnds;

    public bool Any => _leaseEnds is { Count: > 0 };

    public void Watch(ILiveObserver observer, TimeSpan lease)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        (_leaseEnds ??= [])[observer] = clock.GetUtcNow() + (lease < MaxLease ? lease : MaxLease);
    }

    public void Unwatch(ILiveObserver observer) => _leaseEnds?.Remove(observer);

    /// <summary>Calls <paramref name="push"/> for every observer whose lease runs, and forgets the others.</summary>
    public void Notify(Func<ILiveObserver, Task> push)
    {
        if (_leaseEnds is not { Count: > 0 } leaseEnds)
        {
            return;
        }

        var now = clock.GetUtcNow();
        List<ILiveObserver>? lapsed = null;
        foreach (var (observer, leaseEnd) in leaseEnds)
        {
            if (leaseEnd <= now)
            {
                (lapsed ??= []).Add(observer);
                continue;
            }

            try
            {
                push(observer).Ignore();
            }
            catch (Exception)
            {
                // A dashboard must never fail the grain's work; a dead observer lapses with its lease.
            }
        }

        foreach (var observer in lapsed ?? [])
        {
            leaseEnds.Remove(observer);
        }
    }
}
