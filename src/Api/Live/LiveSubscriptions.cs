using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Live;

/// <summary>
/// Which hub connection of this process subscribes to which topic, and the registrations of this process's
/// <see cref="LiveObserver"/> with the watched grains: one per topic, however many connections subscribe to it.
/// </summary>
public sealed class LiveSubscriptions(
    IGrainFactory grains,
    LiveObserver observer,
    LivePublisher publisher,
    IOptions<LiveOptions> options,
    ILogger<LiveSubscriptions> logger)
{
    /// <summary>The most topics one connection may subscribe to.</summary>
    public const int MaxTopicsPerConnection = 500;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<LiveTopic>> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<LiveTopic, int> _subscribers = [];
    private ILiveObserver? _reference;

    /// <summary>The observer as grains see it, created on first use (it needs the running silo).</summary>
    private ILiveObserver Reference
    {
        get
        {
            lock (_gate)
            {
                return _reference ??= grains.CreateObjectReference<ILiveObserver>(observer);
            }
        }
    }

    /// <summary>
    /// Subscribes the connection; registers with the grain (again: that renews the lease). False when the connection
    /// already has <see cref="MaxTopicsPerConnection"/> topics.
    /// </summary>
    public async Task<bool> SubscribeAsync(string connectionId, LiveTopic topic)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var topics))
            {
                _byConnection[connectionId] = topics = [];
            }

            if (!topics.Contains(topic))
            {
                if (topics.Count >= MaxTopicsPerConnection)
                {
                    return false;
                }

                topics.Add(topic);
                if (Increment(topic) == 1)
                {
                    publisher.Open(topic);
                }
            }
        }

        try
        {
            await Source(topic).WatchAsync(Reference, options.Value.Lease);
            return true;
        }
        catch
        {
            await UnsubscribeAsync(connectionId, topic);
            throw;
        }
    }

    public async Task UnsubscribeAsync(string connectionId, LiveTopic topic)
    {
        bool last;
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var topics) || !topics.Remove(topic))
            {
                return;
            }

            if (topics.Count == 0)
            {
                _byConnection.Remove(connectionId);
            }

            last = Decrement(topic);
        }

        if (last)
        {
            await UnwatchAsync(topic);
        }
    }

    /// <summary>Forgets every subscription of a connection that closed.</summary>
    public async Task DropConnectionAsync(string connectionId)
    {
        List<LiveTopic> unwatched = [];
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var topics))
            {
                return;
            }

            unwatched.AddRange(topics.Where(Decrement));
        }

        await Task.WhenAll(unwatched.Select(UnwatchAsync));
    }

    /// <summary>Renews the lease of every topic subscribed here (and registers again with grains that moved).</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        List<LiveTopic> topics;
        lock (_gate)
        {
            topics = [.. _subscribers.Keys];
        }

        var lease = options.Value.Lease;
        foreach (var chunk in topics.Chunk(64))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAll(chunk.Select(async topic =>
            {
                try
                {
                    await Source(topic).WatchAsync(Reference, lease);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LiveLog.WatchFailed(logger, topic, ex);
                }
            }));
        }

        LiveLog.Renewed(logger, topics.Count);
    }

    private int Increment(LiveTopic topic) => _subscribers[topic] = _subscribers.GetValueOrDefault(topic) + 1;

    /// <summary>Counts one subscriber less; true when it was the last (the topic is then closed here).</summary>
    private bool Decrement(LiveTopic topic)
    {
        var left = _subscribers[topic] - 1;
        if (left > 0)
        {
            _subscribers[topic] = left;
            return false;
        }

        _subscribers.Remove(topic);
        publisher.Close(topic);
        return true;
    }

    private async Task UnwatchAsync(LiveTopic topic)
    {
        try
        {
            await Source(topic).UnwatchAsync(Reference);
        }
        catch (Exception ex)
        {
            // The lease lapses on its own.
            LiveLog.WatchFailed(logger, topic, ex);
        }
    }

    private ILiveSource Source(LiveTopic topic) => topic.Kind == LiveTopicKind.Meter
        ? grains.GetGrain<IMeterGrain>(topic.Id)
        : grains.GetGrain<IHouseholdGrain>(topic.Id);
}
