using System.Collections.Concurrent;
using MeterGrains.Alerts;
using MeterGrains.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Live;

/// <summary>
/// Sends live changes to the SignalR group of their topic, coalescing updates per topic to at most
/// <see cref="LiveOptions.MaxUpdatesPerSecond"/>. Every subscriber of a topic on this process gets the same
/// updates, so this bounds each subscription. Changes of topics nobody here subscribes to are dropped.
/// </summary>
public sealed class LivePublisher(
    IHubContext<LiveHub> hub, IOptions<LiveOptions> options, TimeProvider clock, ILogger<LivePublisher> logger) : IDisposable
{
    private readonly ConcurrentDictionary<LiveTopic, UpdateCoalescer<object>> _open = new();

    /// <summary>Starts passing on the changes of <paramref name="topic"/> (its first subscriber here).</summary>
    public void Open(LiveTopic topic)
    {
        var method = topic.Kind == LiveTopicKind.Meter ? LiveClientMethods.MeterUpdated : LiveClientMethods.HouseholdUpdated;
        _open.GetOrAdd(topic, t => new UpdateCoalescer<object>(options.Value.MinUpdateInterval, clock, update => Send(t, method, update)));
    }

    /// <summary>Stops passing on the changes of <paramref name="topic"/> (its last subscriber here left).</summary>
    public void Close(LiveTopic topic)
    {
        if (_open.TryRemove(topic, out var coalescer))
        {
            coalescer.Dispose();
        }
    }

    public void PublishUpdate(LiveTopic topic, object update)
    {
        if (_open.TryGetValue(topic, out var coalescer))
        {
            coalescer.Offer(update);
        }
    }

    /// <summary>Alerts are rare and each one matters: they are never coalesced.</summary>
    public void PublishAlert(LiveTopic topic, Alert alert)
    {
        if (_open.ContainsKey(topic))
        {
            Send(topic, LiveClientMethods.Alert, alert);
        }
    }

    private void Send(LiveTopic topic, string method, object message)
    {
        hub.Clients.Group(topic.ToString()).SendAsync(method, message).ContinueWith(
            (t, state) => LiveLog.SendFailed(logger, (string)state!, t.Exception!),
            $"{method} to {topic}",
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var coalescer in _open.Values)
        {
            coalescer.Dispose();
        }

        _open.Clear();
    }
}
