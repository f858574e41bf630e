using Orleans.Concurrency;

namespace MeterGrains.Live;

/// <summary>A grain that pushes its live changes to the observers watching it.</summary>
/// <remarks>
/// A registration is a lease: it lapses unless renewed, so an API process that dies without unwatching is
/// forgotten, and a grain that was deactivated (and so forgot its watchers) is watched again at the next renewal.
/// </remarks>
[Alias("MeterGrains.ILiveSource")]
public interface ILiveSource : IGrainWithStringKey
{
    /// <summary>Pushes changes to <paramref name="observer"/> for <paramref name="lease"/> (renewing an existing registration).</summary>
    [Alias("WatchAsync"), AlwaysInterleave]
    Task WatchAsync(ILiveObserver observer, TimeSpan lease);

    /// <summary>Stops pushing to <paramref name="observer"/>.</summary>
    [Alias("UnwatchAsync"), AlwaysInterleave]
    Task UnwatchAsync(ILiveObserver observer);
}
