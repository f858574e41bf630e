using MeterGrains.Alerts;

namespace MeterGrains.Domain;

/// <summary>
/// Online and offline (domain.md): a meter is online while its last sign of life is younger than <c>offlineAfter</c>,
/// unless its device has reported itself offline since. A sign of life is a reading, or its device reporting itself
/// online (Shelly <c>online</c> = <c>true</c>). Going offline raises an alert, and so does coming back.
/// </summary>
public static class MeterPresence
{
    /// <summary>The later of the last reading and the device's last online report; null for a meter without readings.</summary>
    public static DateTimeOffset? LastSignOfLife(MeterSnapshot snapshot)
    {
        if (snapshot.LastReadingAt is not { } last)
        {
            return null;
        }

        return snapshot.DeviceOnlineAt is { } reported && reported > last ? reported : last;
    }

    public static bool IsOnline(MeterSnapshot snapshot, DateTimeOffset now, TimeSpan offlineAfter) =>
        LastSignOfLife(snapshot) is { } seen
        && now - seen < offlineAfter
        && !(snapshot.DeviceOfflineAt is { } reportedOffline && reportedOffline >= seen);

    /// <summary>
    /// Records the device's report about itself. Returns false when it changes nothing: the meter never sent a reading
    /// (a device's report does not make a meter exist), or a report of the same kind at or after <paramref name="at"/>
    /// is known already.
    /// </summary>
    public static bool ApplyDeviceReport(MeterSnapshot snapshot, bool online, DateTimeOffset at)
    {
        if (snapshot.LastReadingAt is null)
        {
            return false;
        }

        if (online)
        {
            if (snapshot.DeviceOnlineAt is { } known && known >= at)
            {
                return false;
            }

            snapshot.DeviceOnlineAt = at;
            return true;
        }

        if (snapshot.DeviceOfflineAt is { } knownOffline && knownOffline >= at)
        {
            return false;
        }

        snapshot.DeviceOfflineAt = at;
        return true;
    }

    /// <summary>
    /// The alerts due at <paramref name="now"/>, oldest first, recording in the snapshot which silence was reported.
    /// Called on a timer, on every ingest (before and after the readings are applied) and on every device report, so a
    /// silence is reported even when the meter's activation was gone while it lasted: the alert then comes late, with
    /// its true ts.
    /// </summary>
    /// <remarks>
    /// The offline alert's ts is the device's offline report, or, when the silence came first, the last sign of life plus
    /// <paramref name="offlineAfter"/>; the online alert's ts is the sign of life that ended the offline spell. All follow
    /// from the snapshot, so raising one again (after a crash) names the same alert.
    /// </remarks>
    public static IReadOnlyList<Alert> Advance(string meterId, MeterSnapshot snapshot, DateTimeOffset now, TimeSpan offlineAfter)
    {
        if (LastSignOfLife(snapshot) is not { } seen)
        {
            return [];
        }

        var online = IsOnline(snapshot, now, offlineAfter);
        if (snapshot.OfflineSinceReadingAt is { } silentAfter)
        {
            if (seen > silentAfter && online)
            {
                snapshot.OfflineSinceReadingAt = null;
                var message = seen == snapshot.LastReadingAt
                    ? $"Meter {meterId} is sending readings again."
                    : $"Meter {meterId} is back: its device reported itself online.";
                return [new Alert(AlertKinds.MeterOnline, meterId, AlertSeverities.Info, message, seen)];
            }

            // Newer readings that are already old (a device uploading its backlog) do not end the silence.
            snapshot.OfflineSinceReadingAt = seen > silentAfter ? seen : silentAfter;
            return [];
        }

        if (online)
        {
            return [];
        }

        snapshot.OfflineSinceReadingAt = seen;
        var last = snapshot.LastReadingAt!.Value;
        if (snapshot.DeviceOfflineAt is { } reportedAt && reportedAt >= seen && reportedAt < seen + offlineAfter)
        {
            return
            [
                new Alert(
                    AlertKinds.MeterOffline, meterId, AlertSeverities.Warning,
                    $"Meter {meterId} is offline: its device reported itself offline (last reading {Utc(last)}).",
                    reportedAt),
            ];
        }

        var silence = seen == last
            ? $"Meter {meterId} sent no reading for {offlineAfter.TotalSeconds:0} s (last reading {Utc(last)})."
            : $"Meter {meterId} sent no reading for {offlineAfter.TotalSeconds:0} s after its device reported itself online at {Utc(seen)} (last reading {Utc(last)}).";
        return [new Alert(AlertKinds.MeterOffline, meterId, AlertSeverities.Warning, silence, seen + offlineAfter)];
    }

    /// <summary>An instant as people read it in a message: UTC, seconds (and milliseconds when there are any), <c>Z</c>.</summary>
    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
