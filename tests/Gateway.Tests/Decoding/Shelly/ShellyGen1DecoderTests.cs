using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Tests.Decoding.Shelly;

/// <summary>
/// Shelly Gen1 EM and 3EM traffic as the devices publish it (shelly.md: one plain number per topic, no timestamp),
/// with receive times chosen by the test, so the 2 s assembly window is exercised without a clock.
/// </summary>
public sealed class ShellyGen1DecoderTests
{
    private const string Em = "shellyem-C45BBE6B8A2F";
    private const string ThreeEm = "shellyem3-84CCA8ADD055";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static ShellyGen1Decoder NewDecoder(bool phaseMeters = false, int maxOpenWindows = 100_000) =>
        new(Options.Create(new ShellyGen1Options { PhaseMeters = phaseMeters, MaxOpenWindows = maxOpenWindows }));

    // Rounded to the tick: AddSeconds(2.15) truncates 2.15 × 10^7 = 21499999.999… to one tick short.
    private static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    [Fact]
    public void Values_of_one_channel_within_the_window_make_one_reading_stamped_with_the_first_value()
    {
        var decoder = NewDecoder();
        DecodeResult[] results =
        [
            decoder.Decode($"shellies/{Em}/emeter/0/power", "-318.52", At(0)),
            decoder.Decode($"shellies/{Em}/emeter/1/power", "42.10", At(0.15)),
            decoder.Decode($"shellies/{Em}/emeter/0/reactive_power", "-35.08", At(0.1)),
            decoder.Decode($"shellies/{Em}/emeter/0/voltage", "231.45", At(0.1)),
            decoder.Decode($"shellies/{Em}/emeter/0/pf", "-0.93", At(0.2)),
            decoder.Decode($"shellies/{Em}/emeter/0/total", "12345.6", At(0.3)),
            decoder.Decode($"shellies/{Em}/emeter/0/total_returned", "2345.7", At(0.4)),
            decoder.Decode($"shellies/{Em}/emeter/0/energy", "4711", At(0.5)),
            decoder.Decode($"shellies/{Em}/emeter/0/returned_energy", "815", At(0.5)),
        ];
        Assert.All(results, r => Assert.Same(DecodeResult.Empty, r));

        // Channel 0 opened at 0 s: still open at 1.999 s, closed at 2 s; channel 1 opened at 0.15 s, so not yet.
        Assert.Empty(decoder.ReleaseDue(At(1.999)).Batches);
        var first = decoder.ReleaseDue(At(2));
        Assert.Equal([$"{Em}:0"], first.MeterIds());
        var ch0 = first.SingleReading($"{Em}:0");
        Assert.Equal(T0, ch0.Timestamp);
        // Sign rule: p = −318.52 W → import max(p, 0) = 0, export max(−p, 0) = 318.52.
        Assert.Equal(0.0, ch0.ImportPowerW);
        Assert.Equal(318.52, ch0.ExportPowerW);
        Assert.Equal(12345.6, ch0.ImportRegisterWh);
        Assert.Equal(2345.7, ch0.ExportRegisterWh);
        Assert.Equal(231.45, ch0.VoltageV);
        Assert.Equal(-0.93, ch0.PowerFactor);
        Assert.Null(ch0.CurrentA);
        Assert.Null(ch0.FrequencyHz);

        var ch1 = decoder.ReleaseDue(At(2.15)).SingleReading($"{Em}:1");
        Assert.Equal(At(0.15), ch1.Timestamp);
        Assert.Equal(42.10, ch1.ImportPowerW);
        Assert.Equal(0.0, ch1.ExportPowerW);
        Assert.Null(ch1.ImportRegisterWh);
        Assert.Equal(0, decoder.PendingWindowCount);
    }

    [Fact]
    public void A_value_after_the_window_closes_the_old_reading_and_starts_a_new_one()
    {
        var decoder = NewDecoder();
        Assert.Same(DecodeResult.Empty, decoder.Decode($"shellies/{Em}/emeter/0/power", "100", At(0)));

        // No tick in between: the value at 2.5 s hands over the reading of 0 s and opens its own window.
        var handedOver = decoder.Decode($"shellies/{Em}/emeter/0/voltage", "230", At(2.5));
        var old = handedOver.SingleReading($"{Em}:0");
        Assert.Equal(T0, old.Timestamp);
        Assert.Equal(100.0, old.ImportPowerW);
        Assert.Null(old.VoltageV);

        Assert.Empty(decoder.ReleaseDue(At(4.49)).Batches);
        var next = decoder.ReleaseDue(At(4.5)).SingleReading($"{Em}:0");
        Assert.Equal(At(2.5), next.Timestamp);
        Assert.Equal(230.0, next.VoltageV);
        Assert.Null(next.ImportPowerW);
    }

    [Fact]
    public void A_repeated_value_inside_the_window_is_the_next_publication()
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{Em}/emeter/0/power", "100", At(0));
        decoder.Decode($"shellies/{Em}/emeter/0/total", "5000", At(0.2));

        var closed = decoder.Decode($"shellies/{Em}/emeter/0/power", "150", At(1));

        var first = closed.SingleReading($"{Em}:0");
        Assert.Equal(T0, first.Timestamp);
        Assert.Equal(100.0, first.ImportPowerW);
        Assert.Equal(5000.0, first.ImportRegisterWh);
        var second = decoder.ReleaseDue(At(3)).SingleReading($"{Em}:0");
        Assert.Equal(At(1), second.Timestamp);
        Assert.Equal(150.0, second.ImportPowerW);
        Assert.Null(second.ImportRegisterWh);
    }

    [Fact]
    public void A_lone_value_leaves_when_its_window_closes_without_further_traffic()
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{Em}/emeter/1/total", "777.5", At(10));

        Assert.Empty(decoder.ReleaseDue(At(11.9)).Batches);
        var reading = decoder.ReleaseDue(At(12.3)).SingleReading($"{Em}:1");
        Assert.Equal(At(10), reading.Timestamp);
        Assert.Equal(777.5, reading.ImportRegisterWh);
        Assert.Null(reading.ImportPowerW);
        Assert.Empty(decoder.ReleaseDue(At(60)).Batches);
    }

    [Fact]
    public void A_3em_feeds_one_meter_with_the_sum_of_its_three_phases()
    {
        var decoder = NewDecoder(phaseMeters: true);
        Publish3Em(decoder, phase: 0, power: "1200.5", total: "100000.1", totalReturned: "10.5", voltage: "231.2", current: "5.31", pf: "0.98", at: 0);
        Publish3Em(decoder, phase: 1, power: "-350.25", total: "200000.2", totalReturned: "20.25", voltage: "229.8", current: "1.62", pf: "-0.94", at: 0.05);
        Publish3Em(decoder, phase: 2, power: "75.0", total: "300000.3", totalReturned: "0", voltage: "230.4", current: "0.41", pf: "0.79", at: 0.1);

        var result = decoder.ReleaseDue(At(2));

        Assert.Empty(result.Rejections);
        Assert.Equal([ThreeEm, $"{ThreeEm}:0", $"{ThreeEm}:1", $"{ThreeEm}:2"], result.MeterIds());
        var sum = result.SingleReading(ThreeEm);
        Assert.Equal(T0, sum.Timestamp);
        // Signed sum 1200.5 − 350.25 + 75.0 = 925.25 W → import 925.25, export 0.
        Assert.Equal(925.25, sum.ImportPowerW!.Value, 9);
        Assert.Equal(0.0, sum.ExportPowerW);
        // 100000.1 + 200000.2 + 300000.3 = 600000.6 Wh; 10.5 + 20.25 + 0 = 30.75 Wh.
        Assert.Equal(600000.6, sum.ImportRegisterWh!.Value, 6);
        Assert.Equal(30.75, sum.ExportRegisterWh!.Value, 9);
        // Voltage, current and power factor are per phase: the summed meter has none.
        Assert.Null(sum.VoltageV);
        Assert.Null(sum.CurrentA);
        Assert.Null(sum.PowerFactor);

        // Phase 1 on its own: p = −350.25 → export 350.25, with its own quality values, stamped with the device's window.
        var phase1 = result.SingleReading($"{ThreeEm}:1");
        Assert.Equal(T0, phase1.Timestamp);
        Assert.Equal(0.0, phase1.ImportPowerW);
        Assert.Equal(350.25, phase1.ExportPowerW);
        Assert.Equal(200000.2, phase1.ImportRegisterWh);
        Assert.Equal(20.25, phase1.ExportRegisterWh);
        Assert.Equal(229.8, phase1.VoltageV);
        Assert.Equal(1.62, phase1.CurrentA);
        Assert.Equal(-0.94, phase1.PowerFactor);
    }

    [Fact]
    public void A_3em_exporting_overall_sums_to_export_and_has_no_phase_meters_by_default()
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{ThreeEm}/emeter/0/power", "-500", At(0));
        decoder.Decode($"shellies/{ThreeEm}/emeter/1/power", "120", At(0.01));
        decoder.Decode($"shellies/{ThreeEm}/emeter/2/power", "-20.5", At(0.02));

        var result = decoder.ReleaseDue(At(2));

        Assert.Equal([ThreeEm], result.MeterIds());
        // −500 + 120 − 20.5 = −400.5 W → import 0, export 400.5.
        var sum = result.SingleReading(ThreeEm);
        Assert.Equal(0.0, sum.ImportPowerW);
        Assert.Equal(400.5, sum.ExportPowerW);
    }

    [Fact]
    public void A_3em_phase_missing_a_register_leaves_that_register_out_of_the_sum_with_a_note()
    {
        var decoder = NewDecoder();
        Publish3Em(decoder, phase: 0, power: "100", total: "1000", totalReturned: "1", at: 0);
        Publish3Em(decoder, phase: 1, power: "200", total: "2000", totalReturned: "2", at: 0.1);
        // Phase 2 sends its power and returned energy, but its total does not arrive in the window.
        decoder.Decode($"shellies/{ThreeEm}/emeter/2/power", "300", At(0.2));
        decoder.Decode($"shellies/{ThreeEm}/emeter/2/total_returned", "3", At(0.2));

        var result = decoder.ReleaseDue(At(2));

        var sum = result.SingleReading(ThreeEm);
        Assert.Equal(600.0, sum.ImportPowerW); // 100 + 200 + 300
        Assert.Equal(6.0, sum.ExportRegisterWh); // 1 + 2 + 3
        Assert.Null(sum.ImportRegisterWh); // 1000 + 2000 alone would look like a register reset
        var note = Assert.Single(result.Rejections);
        Assert.Equal(ThreeEm, note.MeterId);
        Assert.Equal($"shellies/{ThreeEm}/emeter/+/total", note.Topic);
        Assert.Contains("phase 2 sent no total", note.Reason);
        Assert.Contains("importRegisterWh", note.Reason);
    }

    [Fact]
    public void A_3em_phase_index_beyond_2_is_refused()
    {
        var result = NewDecoder().Decode($"shellies/{ThreeEm}/emeter/3/power", "10", At(0));

        var rejection = Assert.Single(result.Rejections);
        Assert.Contains("0-2", rejection.Reason);
        Assert.Empty(result.Batches);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("12,5")]
    [InlineData("")]
    [InlineData("{\"power\": 12}")]
    public void A_value_that_is_not_a_finite_number_is_refused_alone(string bad)
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{Em}/emeter/0/voltage", "230.1", At(0));

        var refused = decoder.Decode($"shellies/{Em}/emeter/0/power", bad, At(0.1));
        decoder.Decode($"shellies/{Em}/emeter/0/total", "42", At(0.2));

        var rejection = Assert.Single(refused.Rejections);
        Assert.Equal($"{Em}:0", rejection.MeterId);
        Assert.Contains("power is not a finite number", rejection.Reason);
        Assert.Equal(bad, rejection.RawPayload);
        var reading = decoder.ReleaseDue(At(2)).SingleReading($"{Em}:0");
        Assert.Null(reading.ImportPowerW);
        Assert.Equal(230.1, reading.VoltageV);
        Assert.Equal(42.0, reading.ImportRegisterWh);
    }

    [Theory]
    [InlineData("total", "-5")]
    [InlineData("pf", "1.7")]
    [InlineData("voltage", "-1")]
    public void A_negative_register_or_an_implausible_quality_value_is_refused_alone(string valueName, string bad)
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{Em}/emeter/1/power", "250", At(0));

        var refused = decoder.Decode($"shellies/{Em}/emeter/1/{valueName}", bad, At(0.1));

        Assert.Contains(valueName, Assert.Single(refused.Rejections).Reason);
        Assert.Equal(250.0, decoder.ReleaseDue(At(2)).SingleReading($"{Em}:1").ImportPowerW);
    }

    [Theory]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/relay/0", "on")]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/relay/0/command", "toggle")]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/emeter/0/command", "reset_totals")]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/emeter/0/energy", "1234")]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/emeter/0/returned_energy", "55")]
    [InlineData("shellies/shellyem-C45BBE6B8A2F/emeter/0/reactive_power", "-12.3")]
    [InlineData("shellies/announce", "{\"id\":\"shellyem-C45BBE6B8A2F\",\"model\":\"SHEM\"}")]
    [InlineData("shellies/command", "announce")]
    public void Other_gen1_topics_are_accepted_and_ignored(string topic, string payload)
    {
        var decoder = NewDecoder();

        Assert.Same(DecodeResult.Empty, decoder.Decode(topic, payload, At(0)));
        Assert.Equal(0, decoder.PendingWindowCount);
    }

    [Fact]
    public void Above_the_open_window_bound_a_new_window_is_refused_and_the_open_ones_are_kept()
    {
        var decoder = NewDecoder(maxOpenWindows: 2);
        decoder.Decode("shellies/shellyem-000000000001/emeter/0/power", "1", At(0));
        decoder.Decode("shellies/shellyem-000000000002/emeter/0/power", "2", At(0));

        var refused = decoder.Decode("shellies/shellyem-000000000003/emeter/0/power", "3", At(0.1));

        Assert.Contains("Shelly:Gen1:MaxOpenWindows", Assert.Single(refused.Rejections).Reason);
        Assert.Equal(["shellyem-000000000001:0", "shellyem-000000000002:0"], decoder.ReleaseDue(At(2)).MeterIds());
        // Room again once they left.
        Assert.Empty(decoder.Decode("shellies/shellyem-000000000003/emeter/0/power", "3", At(2.1)).Rejections);
    }

    [Fact]
    public void Release_all_hands_over_windows_that_are_still_open()
    {
        var decoder = NewDecoder();
        decoder.Decode($"shellies/{Em}/emeter/0/power", "10", At(0));
        decoder.Decode($"shellies/{ThreeEm}/emeter/0/power", "1", At(0.5));

        var result = decoder.ReleaseAll();

        // The 3EM sent one phase only: no summed power, and a note for the missing phases.
        Assert.Equal([$"{Em}:0"], result.MeterIds());
        Assert.Contains("phase 1 and 2 sent no power", Assert.Single(result.Rejections).Reason);
        Assert.Empty(decoder.ReleaseDue(At(10)).Batches);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData(" true\n", true)]
    public void Online_reports_the_devices_presence_to_both_clamps_of_an_em(string payload, bool online)
    {
        var decoder = NewDecoder();

        var result = decoder.Decode($"shellies/{Em}/online", payload, At(3));

        Assert.Empty(result.Batches);
        Assert.Empty(result.Rejections);
        Assert.Equal(
            [new MeterPresenceReport($"{Em}:0", new(online, At(3))), new MeterPresenceReport($"{Em}:1", new(online, At(3)))],
            result.PresenceReports);
        Assert.Equal(0, decoder.PendingWindowCount);
    }

    [Theory]
    [InlineData(false, new[] { ThreeEm })]
    [InlineData(true, new[] { ThreeEm, ThreeEm + ":0", ThreeEm + ":1", ThreeEm + ":2" })]
    public void Online_of_a_3em_reaches_its_summed_meter_and_the_phase_meters_only_when_they_are_on(bool phaseMeters, string[] meters)
    {
        var result = NewDecoder(phaseMeters).Decode($"shellies/{ThreeEm}/online", "false", At(0));

        Assert.Equal(meters, result.PresenceReports.Select(static r => r.MeterId));
        Assert.All(result.PresenceReports, static r => Assert.False(r.Presence.Online));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("False")]
    [InlineData("\"false\"")]
    [InlineData("")]
    public void An_online_payload_other_than_true_or_false_is_refused(string payload)
    {
        var result = NewDecoder().Decode($"shellies/{Em}/online", payload, At(0));

        Assert.Empty(result.PresenceReports);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("online must be true or false.", rejection.Reason);
        Assert.Equal($"{Em}:0", rejection.MeterId);
    }

    private static void Publish3Em(
        ShellyGen1Decoder decoder, int phase, string power, string total, string totalReturned, double at,
        string? voltage = null, string? current = null, string? pf = null)
    {
        var prefix = $"shellies/{ThreeEm}/emeter/{phase}";
        Assert.Empty(decoder.Decode($"{prefix}/power", power, At(at)).Batches);
        decoder.Decode($"{prefix}/total", total, At(at));
        decoder.Decode($"{prefix}/total_returned", totalReturned, At(at));
        if (voltage is not null)
        {
            decoder.Decode($"{prefix}/voltage", voltage, At(at));
        }

        if (current is not null)
        {
            decoder.Decode($"{prefix}/current", current, At(at));
        }

        if (pf is not null)
        {
            decoder.Decode($"{prefix}/pf", pf, At(at));
        }
    }
}
