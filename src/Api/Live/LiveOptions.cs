namespace MeterGrains.Api.Live;

/// <summary>How the SignalR hub <c>/hubs/live</c> pushes to dashboards (configuration section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// At most this many <c>meterUpdated</c> or <c>householdUpdated</c> messages per second for one subscription
    /// (<c>Live:MaxUpdatesPerSecond</c>); the updates in between are coalesced and the newest wins.
    /// </summary>
    public double MaxUpdatesPerSecond { get; set; } = 4;

    /// <summary>
    /// How often this process renews its registrations with the grains it watches (<c>Live:WatchRenewal</c>). A
    /// registration lapses after <see cref="LeaseRenewals"/> renewals missed, so a dead API process is forgotten,
    /// and a grain that moved is watched again within one renewal.
    /// </summary>
    public TimeSpan WatchRenewal { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A registration lasts this many renewal periods, so one late renewal does not drop it.</summary>
    public const int LeaseRenewals = 3;

    /// <summary>The lease asked of a grain.</summary>
    public TimeSpan Lease => WatchRenewal * LeaseRenewals;

    /// <summary>The shortest time between two updates of one subscription.</summary>
    public TimeSpan MinUpdateInterval => TimeSpan.FromSeconds(1 / MaxUpdatesPerSecond);
}
