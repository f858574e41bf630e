using System.Diagnostics;

namespace MeterGrains;

/// <summary>
/// The grain silo's trace spans: <c>store readings</c>, one write transaction of the reading store. A transaction carries
/// the appends of many meter grains, so its parent is the first caller's span and the other callers are links; Npgsql's
/// own spans (source <c>Npgsql</c>) nest under it.
/// </summary>
public static class GrainActivities
{
    /// <summary>Name of the <see cref="ActivitySource"/>, to enable in OpenTelemetry.</summary>
    public const string SourceName = "MeterGrains.Grains";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether anyone records these spans (so that callers skip gathering what they would carry).</summary>
    internal static bool Enabled => Source.HasListeners();

    /// <summary>Starts the span of one write transaction.</summary>
    internal static Activity? StartStore(IReadOnlyList<ActivityContext> callers, int rows)
    {
        var parent = callers.Count > 0 ? callers[0] : default;
        var links = callers.Count > 1 ? callers.Skip(1).Where(static c => c != default).Distinct().Select(static c => new ActivityLink(c)).ToList() : null;
        var activity = Source.StartActivity("store readings", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("metergrains.calls", callers.Count);
        activity?.SetTag("metergrains.readings", rows);
        return activity;
    }
}
