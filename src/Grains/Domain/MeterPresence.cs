using MeterGrains.Alerts;

namespace MeterGrains.Domain;

/// <summary>
/// Online and offline (domain.md): a meter is online while its last reading is younger than <c>offlineAfter</c>;
/// going offline raises an alert, and so does coming back.
/// </summary>
public static class MeterPresence
{
    public static bool IsOnline(DateTimeOffset? lastReadingAt, DateTimeOffset now, TimeSpan offlineAfter) =>
        lastReadingAt is { } last && now - last < offlineAfter;

    /// <summary>
    /// The alerts due at <paramref name="now"/>, oldest first, recording in the snapshot which silence was reported.
    /// Called on a timer and on every ingest (before and after the readings are applied), so a silence is reported
    /// even when the meter's activation was gone while it lasted: the alert then comes late, with its true ts.
    /// </summary>
    /// <remarks>
    /// The offline alert's ts is the last reading plus <paramref name="offlineAfter"/>, the online alert's ts the
    /// reading that ended the silence: both follow from the readings, so raising one again (after a crash) names the
    /// same alert.
    /// </remarks>
    public static IReadOnlyList<Alert> Advance(string meterId, MeterSnapshot snapshot, DateTimeOffset now, TimeSpan offlineAfter)
    {
        if (snapshot.LastReadingAt is not { } last)
        {
            return [];
        }

        var online = IsOnline(last, now, offlineAfter);
        if (snapshot.OfflineSinceReadingAt is { } silentAfter)
        {
            if (last > silentAfter && online)
            {
                snapshot.OfflineSinceReadingAt = null;
                return [new Alert(AlertKinds.MeterOnline, meterId, AlertSeverities.Info, $"Meter {meterId} is sending readings again.", last)];
            }

            // Newer readings that are already old (a device uploading its backlog) do not end the silence.
            snapshot.OfflineSinceReadingAt = last > silentAfter ? last : silentAfter;
            return [];
        }

        if (online)
        {
            return [];
        }

        snapshot.OfflineSinceReadingAt = last;
        return
        [
            new Alert(
                AlertKinds.MeterOffline, meterId, AlertSeverities.Warning,
                $"Meter {meterId} sent no reading for {offlineAfter.TotalSeconds:0} s (last reading {last:O}).",
                last + offlineAfter),
        ];
    }
}
