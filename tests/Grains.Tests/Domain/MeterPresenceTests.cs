using MeterGrains.Alerts;
using MeterGrains.Domain;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class MeterPresenceTests
{
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_meter_without_readings_raises_nothing()
    {
        Assert.Empty(MeterPresence.Advance("m", new MeterSnapshot(), TenOClock, OfflineAfter));
    }

    [Fact]
    public void A_meter_goes_offline_exactly_offline_after_its_last_reading_and_is_reported_once()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };

        // 119 s of silence: still online.
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddSeconds(119), OfflineAfter));

        // 120 s: "younger than offlineAfter" no longer holds. The alert's ts is 10:00:00 + 120 s = 10:02:00.
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddSeconds(130), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOffline, alert.Kind);
        Assert.Equal("m", alert.Subject);
        Assert.Equal(AlertSeverities.Warning, alert.Severity);
        Assert.Equal(TenOClock.AddMinutes(2), alert.Ts);

        // The same silence is not reported again.
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(30), OfflineAfter));
    }

    [Fact]
    public void A_fresh_reading_ends_the_silence_with_an_online_alert_at_its_ts()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(5), OfflineAfter));

        snapshot.LastReadingAt = TenOClock.AddMinutes(6);
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(6).AddSeconds(1), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOnline, alert.Kind);
        Assert.Equal(AlertSeverities.Info, alert.Severity);
        Assert.Equal(TenOClock.AddMinutes(6), alert.Ts);
        Assert.Null(snapshot.OfflineSinceReadingAt);

        // Silent again after 10:06: a second offline alert at 10:08.
        var again = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(9), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOffline, again.Kind);
        Assert.Equal(TenOClock.AddMinutes(8), again.Ts);
    }

    [Fact]
    public void Old_readings_uploaded_late_do_not_end_the_silence()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(5), OfflineAfter));

        // At 10:30 the device uploads its backlog up to 10:20: newer, but 10 minutes old, so still offline.
        snapshot.LastReadingAt = TenOClock.AddMinutes(20);
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(30), OfflineAfter));
        Assert.Equal(TenOClock.AddMinutes(20), snapshot.OfflineSinceReadingAt);

        // The live reading of 10:30 ends it.
        snapshot.LastReadingAt = TenOClock.AddMinutes(30);
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(30).AddSeconds(2), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOnline, alert.Kind);
    }

    [Fact]
    public void A_silence_nobody_watched_is_reported_late_with_its_true_ts_then_the_return()
    {
        // The activation was gone while the meter was silent from 10:00 to 11:00; the 11:00 reading arrives.
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        var arrival = TenOClock.AddHours(1);

        // Before the reading is applied: the missed offline alert, ts 10:02.
        var offline = Assert.Single(MeterPresence.Advance("m", snapshot, arrival, OfflineAfter));
        Assert.Equal(AlertKinds.MeterOffline, offline.Kind);
        Assert.Equal(TenOClock.AddMinutes(2), offline.Ts);

        // After it: back online at 11:00.
        snapshot.LastReadingAt = arrival;
        var online = Assert.Single(MeterPresence.Advance("m", snapshot, arrival, OfflineAfter));
        Assert.Equal(AlertKinds.MeterOnline, online.Kind);
        Assert.Equal(arrival, online.Ts);
    }
}
