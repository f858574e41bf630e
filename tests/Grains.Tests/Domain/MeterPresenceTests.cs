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

    [Fact]
    public void A_device_reporting_itself_offline_takes_the_meter_offline_at_once_with_the_reports_ts()
    {
        // Last reading 10:00:00; the device's last will "false" arrives at 10:00:40, well inside the 120 s window.
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        var reportedAt = TenOClock.AddSeconds(40);
        Assert.True(MeterPresence.IsOnline(snapshot, reportedAt, OfflineAfter));

        Assert.True(MeterPresence.ApplyDeviceReport(snapshot, online: false, reportedAt));

        Assert.False(MeterPresence.IsOnline(snapshot, reportedAt, OfflineAfter));
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, reportedAt, OfflineAfter));
        Assert.Equal(AlertKinds.MeterOffline, alert.Kind);
        Assert.Equal(AlertSeverities.Warning, alert.Severity);
        Assert.Equal(reportedAt, alert.Ts);
        Assert.Contains("its device reported itself offline", alert.Message, StringComparison.Ordinal);

        // No second alert when the silence would have begun (10:02:00), nor later.
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(2), OfflineAfter));
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(30), OfflineAfter));
    }

    [Fact]
    public void The_device_reporting_itself_online_again_ends_the_offline_spell_at_the_reports_ts()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        MeterPresence.ApplyDeviceReport(snapshot, online: false, TenOClock.AddSeconds(40));
        Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddSeconds(40), OfflineAfter));

        // It reconnects at 10:05 and says "true" before any reading.
        var back = TenOClock.AddMinutes(5);
        Assert.True(MeterPresence.ApplyDeviceReport(snapshot, online: true, back));

        Assert.True(MeterPresence.IsOnline(snapshot, back, OfflineAfter));
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, back, OfflineAfter));
        Assert.Equal(AlertKinds.MeterOnline, alert.Kind);
        Assert.Equal(back, alert.Ts);
        Assert.Contains("reported itself online", alert.Message, StringComparison.Ordinal);

        // "true" is a sign of life, not a reading: without readings the meter falls silent 120 s later, at 10:07.
        var silent = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(8), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOffline, silent.Kind);
        Assert.Equal(TenOClock.AddMinutes(7), silent.Ts);
    }

    [Fact]
    public void A_fresh_reading_after_the_offline_report_also_ends_it_but_an_older_one_does_not()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        MeterPresence.ApplyDeviceReport(snapshot, online: false, TenOClock.AddSeconds(40));
        Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddSeconds(40), OfflineAfter));

        // A reading stamped 10:00:30 arrives late: measured before the report, so the report stands.
        snapshot.LastReadingAt = TenOClock.AddSeconds(30);
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddSeconds(50), OfflineAfter));
        Assert.False(MeterPresence.IsOnline(snapshot, TenOClock.AddSeconds(50), OfflineAfter));

        // A reading of 10:01:00 was measured after it: back online at 10:01:00.
        snapshot.LastReadingAt = TenOClock.AddMinutes(1);
        var alert = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(1).AddSeconds(1), OfflineAfter));
        Assert.Equal(AlertKinds.MeterOnline, alert.Kind);
        Assert.Equal(TenOClock.AddMinutes(1), alert.Ts);
        Assert.Contains("sending readings again", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_after_the_silence_was_already_reported_raises_nothing_more()
    {
        var snapshot = new MeterSnapshot { LastReadingAt = TenOClock };
        var silence = Assert.Single(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(3), OfflineAfter));
        Assert.Equal(TenOClock.AddMinutes(2), silence.Ts);

        // The broker publishes the last will only after its keep-alive ran out, at 10:04.
        Assert.True(MeterPresence.ApplyDeviceReport(snapshot, online: false, TenOClock.AddMinutes(4)));
        Assert.Empty(MeterPresence.Advance("m", snapshot, TenOClock.AddMinutes(4), OfflineAfter));
    }

    [Fact]
    public void A_report_about_a_meter_without_readings_or_older_than_the_known_one_changes_nothing()
    {
        var unknown = new MeterSnapshot();
        Assert.False(MeterPresence.ApplyDeviceReport(unknown, online: false, TenOClock));
        Assert.Null(unknown.DeviceOfflineAt);
        Assert.Empty(MeterPresence.Advance("m", unknown, TenOClock, OfflineAfter));

        var known = new MeterSnapshot { LastReadingAt = TenOClock };
        Assert.True(MeterPresence.ApplyDeviceReport(known, online: true, TenOClock.AddSeconds(20)));
        Assert.False(MeterPresence.ApplyDeviceReport(known, online: true, TenOClock.AddSeconds(10)));
        Assert.Equal(TenOClock.AddSeconds(20), known.DeviceOnlineAt);
    }
}
