using System.Text.Json;
using System.Text.Json.Nodes;
using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

/// <summary>The anomaly state persists in the snapshot as the silo writes it (System.Text.Json, web defaults).</summary>
public sealed class AnomalyStateTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset ThreeOClock = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly AnomalyRules Rules = new()
    {
        SpikeFloorW = 1000,
        ProfileMemory = TimeSpan.FromSeconds(60),
        ProfileWarmUp = TimeSpan.FromSeconds(120),
        PhaseDeadAfter = TimeSpan.FromSeconds(60),
    };

    private static MeterReading Reading(double minutes, double powerW, double voltageV) =>
        new(ThreeOClock.AddMinutes(minutes), ImportPowerW: powerW, VoltageV: voltageV);

    [Fact]
    public void A_restored_snapshot_carries_on_where_the_meter_left_off()
    {
        var meter = new AnomalyMeter(Rules);
        meter.Feed(Reading(0, 100, 230));
        meter.Feed(Reading(1, 100, 0));      // dead since 03:01
        meter.Feed(Reading(2, 200, 0));      // profile 150 ± 50 W, warm; 60 s dead: phase-dead at 03:02
        var json = JsonSerializer.Serialize(meter.Snapshot, Json);

        var restored = new AnomalyMeter(Rules, JsonSerializer.Deserialize<MeterSnapshot>(json, Json));
        Assert.True(restored.State.Flags.HasFlag(AnomalyFlags.PhaseDead));
        Assert.Equal(new HourProfile(150, 2500, 120), PowerProfile.Read(restored.State.PowerProfile!, 3));

        // 1200 W is a spike against 150 ± 50 W (see PowerSpikeTests); 231 V ends the dead spell.
        var alerts = restored.Feed(Reading(3, 1200, 231));
        Assert.Equal([AlertKinds.PowerSpike, AlertKinds.PhaseRestored], alerts.Select(a => a.Kind));
    }

    [Fact]
    public void A_snapshot_written_before_the_checks_existed_starts_them_empty()
    {
        var meter = new AnomalyMeter(Rules);
        meter.Feed(Reading(0, 100, 230));
        var node = JsonSerializer.SerializeToNode(meter.Snapshot, Json)!.AsObject();
        Assert.True(node.Remove("anomalies"));

        var old = JsonSerializer.Deserialize<MeterSnapshot>(node.ToJsonString(), Json)!;
        Assert.Null(old.Anomalies);
        var restored = new AnomalyMeter(Rules, old);
        // An empty profile judges nothing; the reading starts it.
        Assert.Empty(restored.Feed(Reading(1, 90_000, 230)));
        Assert.Equal(90_000, PowerProfile.Read(restored.State.PowerProfile!, 3).MeanW);
    }

    [Fact]
    public void A_profile_of_another_size_is_started_again()
    {
        var meter = new AnomalyMeter(Rules, new MeterSnapshot { Anomalies = new MeterAnomalyState { PowerProfile = new byte[7] } });
        Assert.Empty(meter.Feed(Reading(0, 100, 230)));
        Assert.Equal(PowerProfile.PackedBytes, meter.State.PowerProfile!.Length);
    }
}
