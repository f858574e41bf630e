using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Tests.TestSupport;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Tests.Decoding.Shelly;

/// <summary>Shelly Gen2+ notifications and status topics, written from the field lists of shelly.md.</summary>
public sealed class ShellyGen2DecoderTests
{
    private const string Pro3Em = "shellypro3em-ec6260890b50";
    private const string ProEm = "shellyproem50-08f9e0e5a4c4";

    // params.ts 1732270000 s = 20049 days (2024-11-22) + 36400 s (10:06:40) after the Unix epoch.
    private static readonly DateTimeOffset Ts = new(2024, 11, 22, 10, 6, 40, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 11, 22, 10, 6, 41, 250, TimeSpan.Zero);

    // Phase C dead: 0 V, 0 A and a frequency of 198 Hz.
    private const string Pro3EmFullStatus = """
        {"src":"shellypro3em-ec6260890b50","dst":"shellypro3em-ec6260890b50/events","method":"NotifyFullStatus","params":{"ts":1732270000.52,
         "em:0":{"id":0,"a_current":5.412,"a_voltage":231.4,"a_act_power":1250.3,"a_aprt_power":1262.1,"a_pf":0.99,"a_freq":50.01,
                 "b_current":1.874,"b_voltage":229.9,"b_act_power":-410.2,"b_aprt_power":430.9,"b_pf":-0.95,"b_freq":50.01,
                 "c_current":0.0,"c_voltage":0.0,"c_act_power":0.0,"c_aprt_power":0.0,"c_pf":0.0,"c_freq":198.0,
                 "n_current":null,"total_current":7.286,"total_act_power":870.1,"total_aprt_power":1693.0,"user_calibrated_phase":[],"errors":["phase_sequence"]},
         "emdata:0":{"id":0,"a_total_act_energy":3000000.5,"a_total_act_ret_energy":200000.25,"b_total_act_energy":2000000.0,"b_total_act_ret_energy":34567.64,
                     "c_total_act_energy":123456.28,"c_total_act_ret_energy":0,"total_act":5123456.78,"total_act_ret":234567.89},
         "sys":{"mac":"EC6260890B50","uptime":12345},"wifi":{"sta_ip":"192.168.1.20","rssi":-61}}}
        """;

    private static ShellyGen2Decoder NewDecoder(int maxTrackedDevices = 100_000, bool phaseMeters = false) =>
        new(Options.Create(new ShellyGen2Options { MaxTrackedDevices = maxTrackedDevices, PhaseMeters = phaseMeters }));

    [Fact]
    public void With_phase_meters_a_pro_3em_also_feeds_one_meter_per_phase_and_the_dead_phase_shows_its_0_V()
    {
        Assert.Equal([Pro3Em], NewDecoder().Decode($"{Pro3Em}/events/rpc", Pro3EmFullStatus, ReceivedAt).MeterIds());

        var result = NewDecoder(phaseMeters: true).Decode($"{Pro3Em}/events/rpc", Pro3EmFullStatus, ReceivedAt);

        Assert.Equal([Pro3Em, $"{Pro3Em}:0", $"{Pro3Em}:1", $"{Pro3Em}:2"], result.MeterIds());
        Assert.Equal(870.1, result.SingleReading(Pro3Em).ImportPowerW);
        Assert.Null(result.SingleReading(Pro3Em).VoltageV);
        // a: +1250.3 W imported; b: −410.2 W is 410.2 W exported; each with its own registers and quality values.
        var a = result.SingleReading($"{Pro3Em}:0");
        Assert.Equal((1250.3, 0.0, 3000000.5, 200000.25), (a.ImportPowerW, a.ExportPowerW, a.ImportRegisterWh, a.ExportRegisterWh));
        Assert.Equal((231.4, 5.412, 0.99, 50.01), (a.VoltageV, a.CurrentA, a.PowerFactor, a.FrequencyHz));
        Assert.Equal(Ts.AddMilliseconds(520), a.Timestamp);
        var b = result.SingleReading($"{Pro3Em}:1");
        Assert.Equal((0.0, 410.2, 2000000.0, 34567.64), (b.ImportPowerW, b.ExportPowerW, b.ImportRegisterWh, b.ExportRegisterWh));
        Assert.Equal(-0.95, b.PowerFactor);
        // c: its 0 V is what the meter grain's dead-phase check needs; its 198 Hz is refused alone.
        var c = result.SingleReading($"{Pro3Em}:2");
        Assert.Equal((0.0, 0.0, 0.0, 123456.28), (c.VoltageV, c.CurrentA, c.ImportPowerW, c.ImportRegisterWh));
        Assert.Null(c.FrequencyHz);
        var refused = Assert.Single(result.Rejections);
        Assert.Equal($"{Pro3Em}:2", refused.MeterId);
        Assert.Contains("c_freq", refused.Reason);
    }

    [Fact]
    public void With_phase_meters_a_notify_status_restates_only_the_phases_it_names()
    {
        var decoder = NewDecoder(phaseMeters: true);
        decoder.Decode($"{Pro3Em}/events/rpc", Pro3EmFullStatus, ReceivedAt);

        // 10 s later phase b's power and the total changed.
        var result = decoder.Decode($"{Pro3Em}/events/rpc", """
            {"src":"shellypro3em-ec6260890b50","dst":"shellypro3em-ec6260890b50/events","method":"NotifyStatus",
             "params":{"ts":1732270010.52,"em:0":{"id":0,"b_act_power":-800.0,"total_act_power":450.3}}}
            """, ReceivedAt.AddSeconds(10));

        Assert.Empty(result.Rejections);
        Assert.Equal([Pro3Em, $"{Pro3Em}:1"], result.MeterIds());
        var b = result.SingleReading($"{Pro3Em}:1");
        // Changed: −800 W → 800 W exported; the rest from the full status; emdata:0 was not named, so no registers.
        Assert.Equal((0.0, 800.0, 229.9, 1.874), (b.ImportPowerW, b.ExportPowerW, b.VoltageV, b.CurrentA));
        Assert.Null(b.ImportRegisterWh);
        Assert.Equal(Ts.AddSeconds(10).AddMilliseconds(520), b.Timestamp);
    }

    [Fact]
    public void A_pro_3em_full_status_feeds_the_device_meter_and_a_dead_phase_does_not_spoil_it()
    {
        // Phase C is dead (Pro3EmFullStatus). Per-phase values are not read for the three-phase meter.
        var result = NewDecoder().Decode($"{Pro3Em}/events/rpc", Pro3EmFullStatus, ReceivedAt);

        Assert.Empty(result.Rejections);
        var reading = result.SingleReading(Pro3Em);
        Assert.Equal(Ts.AddMilliseconds(520), reading.Timestamp);
        // total_act_power +870.1 W → import 870.1, export 0; registers total_act / total_act_ret.
        Assert.Equal(870.1, reading.ImportPowerW);
        Assert.Equal(0.0, reading.ExportPowerW);
        Assert.Equal(5123456.78, reading.ImportRegisterWh);
        Assert.Equal(234567.89, reading.ExportRegisterWh);
        Assert.Null(reading.VoltageV);
        Assert.Null(reading.FrequencyHz);
    }

    [Fact]
    public void A_notify_status_is_overlaid_on_the_last_full_status()
    {
        var decoder = NewDecoder();
        decoder.Decode($"{ProEm}/events/rpc", """
            {"src":"shellyproem50-08f9e0e5a4c4","dst":"shellyproem50-08f9e0e5a4c4/events","method":"NotifyFullStatus","params":{"ts":1732270000.00,
             "em1:0":{"id":0,"current":0.62,"voltage":230.1,"act_power":120.5,"aprt_power":142.7,"pf":0.85,"freq":50.02,"calibration":"factory"},
             "em1:1":{"id":1,"current":6.51,"voltage":230.1,"act_power":-1500.0,"aprt_power":1502.3,"pf":-1.0,"freq":50.02,"calibration":"factory"},
             "em1data:0":{"id":0,"total_act_energy":8000.5,"total_act_ret_energy":120.25},
             "em1data:1":{"id":1,"total_act_energy":15.0,"total_act_ret_energy":96000.75},
             "switch:0":{"id":0,"output":false}}}
            """, ReceivedAt);

        // 10.25 s later only em1:0's power and current changed.
        var result = decoder.Decode($"{ProEm}/events/rpc", """
            {"src":"shellyproem50-08f9e0e5a4c4","dst":"shellyproem50-08f9e0e5a4c4/events","method":"NotifyStatus",
             "params":{"ts":1732270010.25,"em1:0":{"id":0,"act_power":-350.75,"current":1.58}}}
            """, ReceivedAt.AddSeconds(10));

        Assert.Empty(result.Rejections);
        Assert.Equal([$"{ProEm}:0"], result.MeterIds());
        var reading = result.SingleReading($"{ProEm}:0");
        Assert.Equal(Ts.AddSeconds(10.25), reading.Timestamp);
        // Changed: p = −350.75 W → export 350.75; current 1.58. Unchanged, from the full status: 230.1 V, pf 0.85, 50.02 Hz.
        Assert.Equal(0.0, reading.ImportPowerW);
        Assert.Equal(350.75, reading.ExportPowerW);
        Assert.Equal(1.58, reading.CurrentA);
        Assert.Equal(230.1, reading.VoltageV);
        Assert.Equal(0.85, reading.PowerFactor);
        Assert.Equal(50.02, reading.FrequencyHz);
        // em1data:0 was not in this notification: its registers are not restated at a time they were not measured.
        Assert.Null(reading.ImportRegisterWh);
        Assert.Null(reading.ExportRegisterWh);
    }

    [Fact]
    public void A_full_status_feeds_each_channel_meter_with_its_registers_and_quality_values()
    {
        var result = NewDecoder().Decode($"{ProEm}/events/rpc", """
            {"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyFullStatus","params":{"ts":1732270000,
             "em1:1":{"id":1,"current":6.51,"voltage":229.7,"act_power":-1500.0,"aprt_power":1502.3,"pf":-1.0,"freq":49.98},
             "em1data:1":{"id":1,"total_act_energy":15.0,"total_act_ret_energy":96000.75}}}
            """, ReceivedAt);

        var reading = result.SingleReading($"{ProEm}:1");
        Assert.Equal(Ts, reading.Timestamp);
        Assert.Equal(0.0, reading.ImportPowerW);
        Assert.Equal(1500.0, reading.ExportPowerW);
        Assert.Equal(15.0, reading.ImportRegisterWh);
        Assert.Equal(96000.75, reading.ExportRegisterWh);
        Assert.Equal(229.7, reading.VoltageV);
        Assert.Equal(6.51, reading.CurrentA);
        Assert.Equal(-1.0, reading.PowerFactor);
        Assert.Equal(49.98, reading.FrequencyHz);
    }

    [Theory]
    [InlineData("1732270000.52", 520)]
    [InlineData("1732270000.005", 5)]
    [InlineData("1732270000.999", 999)]
    [InlineData("1732270000", 0)]
    public void Fractional_seconds_of_ts_are_kept_to_the_millisecond(string ts, int milliseconds)
    {
        var result = NewDecoder().Decode($"{ProEm}/events/rpc",
            """{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":TS,"em1:0":{"act_power":5}}}""".Replace("TS", ts, StringComparison.Ordinal), ReceivedAt);

        Assert.Equal(Ts.AddMilliseconds(milliseconds), result.SingleReading($"{ProEm}:0").Timestamp);
    }

    [Fact]
    public void Bad_values_are_refused_alone_and_are_not_restated_later()
    {
        var decoder = NewDecoder();
        decoder.Decode($"{ProEm}/events/rpc", """
            {"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyFullStatus","params":{"ts":1732270000,
             "em1:0":{"id":0,"current":0.62,"voltage":230.1,"act_power":120.5,"pf":0.85,"freq":50.0}}}
            """, ReceivedAt);

        // A number sent as a string, and a dead phase's frequency.
        var result = decoder.Decode($"{ProEm}/events/rpc", """
            {"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":1732270001,
             "em1:0":{"act_power":"130.5","voltage":231.0,"freq":198.0}}}
            """, ReceivedAt);

        Assert.Equal(2, result.Rejections.Count);
        Assert.All(result.Rejections, r => Assert.Equal($"{ProEm}:0", r.MeterId));
        Assert.Contains(result.Rejections, r => r.Reason.StartsWith("em1:0.act_power is not a finite JSON number", StringComparison.Ordinal));
        Assert.Contains(result.Rejections, r => r.Reason.Contains("em1:0.freq frequency 198 Hz is outside", StringComparison.Ordinal));
        var reading = result.SingleReading($"{ProEm}:0");
        Assert.Null(reading.ImportPowerW); // not the 120.5 W of the full status: the device said it changed
        Assert.Null(reading.FrequencyHz);
        Assert.Equal(231.0, reading.VoltageV);
        Assert.Equal(0.62, reading.CurrentA);
        Assert.Equal(0.85, reading.PowerFactor);

        var later = decoder.Decode($"{ProEm}/events/rpc",
            """{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":1732270002,"em1:0":{"current":0.7}}}""", ReceivedAt);
        var laterReading = later.SingleReading($"{ProEm}:0");
        Assert.Null(laterReading.ImportPowerW);
        Assert.Null(laterReading.FrequencyHz);
        Assert.Equal(0.7, laterReading.CurrentA);
    }

    [Fact]
    public void A_negative_register_is_refused_alone()
    {
        var result = NewDecoder().Decode($"{Pro3Em}/events/rpc", """
            {"src":"shellypro3em-ec6260890b50","method":"NotifyStatus","params":{"ts":1732270060,
             "emdata:0":{"total_act":-5.0,"total_act_ret":234567.89},"em:0":{"total_act_power":-42.5}}}
            """, ReceivedAt);

        Assert.Contains("emdata:0.total_act energy register -5 Wh is negative", Assert.Single(result.Rejections).Reason);
        var reading = result.SingleReading(Pro3Em);
        Assert.Null(reading.ImportRegisterWh);
        Assert.Equal(234567.89, reading.ExportRegisterWh);
        Assert.Equal(0.0, reading.ImportPowerW);
        Assert.Equal(42.5, reading.ExportPowerW);
    }

    [Fact]
    public void A_notify_status_without_a_known_full_status_yields_only_its_own_fields()
    {
        var result = NewDecoder().Decode($"{ProEm}/events/rpc",
            """{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":1732270000,"em1:1":{"id":1,"voltage":228.4}}}""",
            ReceivedAt);

        var reading = result.SingleReading($"{ProEm}:1");
        Assert.Equal(228.4, reading.VoltageV);
        Assert.Null(reading.ImportPowerW);
        Assert.Null(reading.CurrentA);
    }

    [Fact]
    public void Status_topics_carry_no_ts_so_the_receive_time_stamps_them_and_the_prefix_names_the_device()
    {
        var decoder = NewDecoder();

        var power = decoder.Decode($"{Pro3Em}/status/em:0",
            """{"id":0,"a_act_power":100.0,"b_act_power":200.0,"c_act_power":-50.0,"total_act_power":250.0,"total_current":1.9}""", ReceivedAt);
        var registers = decoder.Decode($"{Pro3Em}/status/emdata:0", """{"id":0,"total_act":1000.5,"total_act_ret":20.0}""", ReceivedAt.AddMilliseconds(3));

        var p = power.SingleReading(Pro3Em);
        Assert.Equal(ReceivedAt, p.Timestamp);
        Assert.Equal(250.0, p.ImportPowerW);
        Assert.Null(p.ImportRegisterWh);
        var r = registers.SingleReading(Pro3Em);
        Assert.Equal(ReceivedAt.AddMilliseconds(3), r.Timestamp);
        Assert.Equal(1000.5, r.ImportRegisterWh);
        Assert.Equal(20.0, r.ExportRegisterWh);
        Assert.Null(r.ImportPowerW);
    }

    [Fact]
    public void Without_src_the_topic_prefix_names_the_device()
    {
        var result = NewDecoder().Decode($"{ProEm}/events/rpc",
            """{"method":"NotifyStatus","params":{"ts":1732270000,"em1:0":{"act_power":12.5}}}""", ReceivedAt);

        Assert.Equal(12.5, result.SingleReading($"{ProEm}:0").ImportPowerW);
    }

    [Theory]
    [InlineData("shellyproem50-08f9e0e5a4c4/events/rpc", """{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyEvent","params":{"ts":1732270000,"events":[{"component":"sys","event":"scheduled_restart"}]}}""")]
    [InlineData("shellyproem50-08f9e0e5a4c4/events/rpc", """{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":1732270000,"switch:0":{"output":true},"sys":{"uptime":5}}}""")]
    [InlineData("shellyproem50-08f9e0e5a4c4/status/switch:0", """{"id":0,"output":true}""")]
    [InlineData("shellyproem50-08f9e0e5a4c4/status/sys", """{"mac":"08F9E0E5A4C4"}""")]
    public void Notifications_and_statuses_without_meter_values_are_ignored(string topic, string payload) =>
        Assert.Same(DecodeResult.Empty, NewDecoder().Decode(topic, payload, ReceivedAt));

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus"}""", "no 'params' object")]
    [InlineData("""{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":"yesterday","em1:0":{"act_power":1}}}""", "params.ts")]
    [InlineData("""{"src":"shellyproem50-08f9e0e5a4c4","method":"NotifyStatus","params":{"ts":1732270000,"em1:99":{"act_power":1}}}""", "em1:99")]
    public void Malformed_notifications_are_refused_with_a_reason(string payload, string reasonPart)
    {
        var result = NewDecoder().Decode($"{ProEm}/events/rpc", payload, ReceivedAt);

        Assert.Empty(result.Batches);
        Assert.Contains(reasonPart, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Above_the_tracked_device_bound_the_least_recent_device_is_forgotten_not_restated()
    {
        var decoder = NewDecoder(maxTrackedDevices: 1);
        const string Full = """{"method":"NotifyFullStatus","params":{"ts":1732270000,"em1:0":{"act_power":100.0,"voltage":230.0}}}""";
        decoder.Decode("shellyproem50-aaaaaaaaaaaa/events/rpc", Full, ReceivedAt);
        decoder.Decode("shellyproem50-bbbbbbbbbbbb/events/rpc", Full, ReceivedAt);

        var result = decoder.Decode("shellyproem50-aaaaaaaaaaaa/events/rpc",
            """{"method":"NotifyStatus","params":{"ts":1732270001,"em1:0":{"current":0.5}}}""", ReceivedAt);

        Assert.Equal(1, decoder.Statuses.DeviceCount);
        Assert.Equal(2, decoder.Statuses.Evictions);
        var reading = result.SingleReading("shellyproem50-aaaaaaaaaaaa:0");
        Assert.Equal(0.5, reading.CurrentA);
        Assert.Null(reading.VoltageV);
        Assert.Null(reading.ImportPowerW);
    }

    [Fact]
    public void Online_reports_the_devices_presence_to_its_three_phase_meter_and_its_channels()
    {
        var result = NewDecoder().Decode($"{ProEm}/online", "false", ReceivedAt);

        Assert.Empty(result.Batches);
        Assert.Empty(result.Rejections);
        Assert.Equal([ProEm, $"{ProEm}:0", $"{ProEm}:1", $"{ProEm}:2"], result.PresenceReports.Select(static r => r.MeterId));
        Assert.All(result.PresenceReports, static r => Assert.Equal(new DevicePresence(false, ReceivedAt), r.Presence));
    }

    [Fact]
    public void Online_true_and_a_bad_online_payload()
    {
        var decoder = NewDecoder();

        Assert.All(decoder.Decode($"{Pro3Em}/online", "true", ReceivedAt).PresenceReports, static r => Assert.True(r.Presence.Online));
        var refused = decoder.Decode($"{Pro3Em}/online", "{\"online\":true}", ReceivedAt);
        Assert.Empty(refused.PresenceReports);
        Assert.Equal("online must be true or false.", Assert.Single(refused.Rejections).Reason);
    }
}
