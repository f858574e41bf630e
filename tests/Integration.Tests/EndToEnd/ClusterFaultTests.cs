using System.Diagnostics;
using System.Globalization;
using MeterGrains.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>Three silos and a few thousand QoS 1 readings on a 2-core machine: run alone, not beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterFaultCollection
{
    public const string Name = "Cluster faults";
}

/// <summary>
/// Scale-out that loses nothing: three silos (every role) form one cluster through the PostgreSQL membership table while
/// devices publish the <see cref="ClusterLoad"/> at QoS 1. One silo is killed mid-stream, or all three are restarted one
/// after the other; afterwards every reading is stored exactly once and every meter's integrals equal the hand
/// calculation. Devices do their part of QoS 1 (<see cref="ResilientPublisher"/>): what was not acknowledged with
/// success is published again, to the same or another gateway.
/// </summary>
[Collection(ClusterFaultCollection.Name)]
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // A restarted gateway comes back while its meters' old silo is still being declared dead: allow it more.
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    // Only a safety net against a publisher that would never finish: the waits below have deadlines of their own.
    private static readonly TimeSpan PublishingLimit = TimeSpan.FromMinutes(10);

    /// <summary>Devices publish to the three silos' embedded brokers; the silo killed takes its connections and its unacknowledged messages with it.</summary>
    [Fact]
    public async Task A_silo_killed_mid_stream_and_restarted_loses_no_reading_and_counts_none_twice()
    {
        var clock = Stopwatch.StartNew();
        var database = await TestDatabase.CreateAsync("clusterkill");
        await using var cluster = await SiloCluster.StartAsync(database, $"kill-{Guid.NewGuid():N}", Silos, _ => EmbeddedBroker);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: three silos ready");
        var load = new ClusterLoad();
        using var abort = new CancellationTokenSource(PublishingLimit);
        var publishing = load.RunAsync([.. cluster.Ports.Select(p => p.Mqtt)], abort.Token);

        load.ReleaseThrough(5);
        await WaitStoredAsync(database, 2 * ClusterLoad.Meters, publishing);
        await cluster[1].KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo 1 killed with {await ClusterLoad.CountStoredAsync(database)} readings stored");
        load.ReleaseThrough(8);
        await cluster.StartAsync(1);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo 1 ready again with {await ClusterLoad.CountStoredAsync(database)} readings stored");
        load.ReleaseThrough(ClusterLoad.Rounds - 1);

        await publishing.WaitAsync(Deadline);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every reading acknowledged; republished, reconnects: {load.Retries}");
        // The ten devices connected to silo 1 had to go elsewhere.
        Assert.True(load.Retries.Reconnects >= ClusterLoad.Publishers / Silos, $"the kill reached the devices of silo 1: {load.Retries}");
        await CheckAsync(load, database, cluster);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: checked");
    }

    /// <summary>
    /// The gateways subscribe to one Mosquitto in a shared-subscription group with persistent sessions; devices publish
    /// to Mosquitto only. The messages the killed gateway had received but not acknowledged wait in its session on the
    /// broker and come to it again when it is back under the same client id.
    /// </summary>
    [Fact]
    public async Task A_gateway_killed_mid_stream_behind_mosquitto_gets_its_unacknowledged_messages_again_and_counts_none_twice()
    {
        var clock = Stopwatch.StartNew();
        await using var broker = await MosquittoBroker.StartAsync();
        var database = await TestDatabase.CreateAsync("clusterext");
        var clusterId = $"ext-{Guid.NewGuid():N}";
        await using var cluster = await SiloCluster.StartAsync(database, clusterId, Silos, i => ExternalBroker(broker.Port, $"gw-{i}-{clusterId}"));
        for (var i = 0; i < Silos; i++)
        {
            var silo = cluster[i];
            await ReportingSilosAsync(cluster, () => WaitSubscribedAsync(silo));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: three silos ready and subscribed");
        var load = new ClusterLoad();
        using var abort = new CancellationTokenSource(PublishingLimit);
        var publishing = load.RunAsync([broker.Port], abort.Token);

        load.ReleaseThrough(5);
        await WaitStoredAsync(database, 2 * ClusterLoad.Meters, publishing);
        await cluster[1].KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo 1 killed with {await ClusterLoad.CountStoredAsync(database)} readings stored");
        load.ReleaseThrough(8);
        var restarted = await cluster.StartAsync(1);
        await ReportingSilosAsync(cluster, () => WaitSubscribedAsync(restarted));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo 1 subscribed again with {await ClusterLoad.CountStoredAsync(database)} readings stored");
        Assert.Contains("session present: True", restarted.Output, StringComparison.Ordinal);
        load.ReleaseThrough(ClusterLoad.Rounds - 1);

        await publishing.WaitAsync(Deadline);
        // Mosquitto acknowledges the devices itself: the gateways' acknowledgements are between them and the broker.
        await Eventually.UntilAsync(
            async () => await ClusterLoad.CountStoredAsync(database) >= load.Total, Deadline, $"all {load.Total} readings are stored");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every reading stored");
        await CheckAsync(load, database, cluster);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: checked");
    }

    /// <summary>
    /// Each silo in turn gets SIGTERM while readings are in flight, must exit with code 0 within Shutdown:Timeout (its
    /// gateway stops taking messages and settles what it holds, its meters write their snapshots, it leaves the
    /// cluster), and is started again before the next one goes.
    /// </summary>
    [Fact]
    public async Task A_rolling_restart_under_load_loses_no_reading_and_each_silo_stops_cleanly_within_the_shutdown_timeout()
    {
        var clock = Stopwatch.StartNew();
        var database = await TestDatabase.CreateAsync("clusterroll");
        await using var cluster = await SiloCluster.StartAsync(database, $"roll-{Guid.NewGuid():N}", Silos, _ => EmbeddedBroker);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: three silos ready");
        var load = new ClusterLoad();
        using var abort = new CancellationTokenSource(PublishingLimit);
        var publishing = load.RunAsync([.. cluster.Ports.Select(p => p.Mqtt)], abort.Token);

        for (var i = 0; i < Silos; i++)
        {
            // Rounds 4i+1 and 4i+2 are in flight when the silo is told to stop; 4i+3 is published while it is away.
            load.ReleaseThrough((4 * i) + 2);
            await WaitStoredAsync(database, ((4 * i) + 1) * ClusterLoad.Meters, publishing);
            var stopping = cluster[i];
            var stopClock = Stopwatch.StartNew();
            await stopping.StopAsync(ShutdownTimeout + TimeSpan.FromSeconds(15));
            stopClock.Stop();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo {i} stopped in {stopClock.Elapsed.TotalSeconds:0.0} s with exit code {stopping.ExitCode}");
            Assert.True(stopping.ExitCode == 0, $"silo {i} exits with code 0 after SIGTERM, not {stopping.ExitCode}:\n{stopping.Output}");
            Assert.True(stopClock.Elapsed < ShutdownTimeout, $"silo {i} stops within Shutdown:Timeout ({ShutdownTimeout}), not {stopClock.Elapsed}");
            load.ReleaseThrough((4 * i) + 3);
            await cluster.StartAsync(i);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo {i} ready again with {await ClusterLoad.CountStoredAsync(database)} readings stored");
        }

        await publishing.WaitAsync(Deadline);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every reading acknowledged; republished, reconnects: {load.Retries}");
        Assert.True(load.Retries.Reconnects >= ClusterLoad.Publishers, $"every device lost its gateway once: {load.Retries}");
        await CheckAsync(load, database, cluster);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: checked");
    }

    private static IReadOnlyDictionary<string, string> EmbeddedBroker => new Dictionary<string, string>
    {
        ["Roles"] = "grains,gateway,api",
        ["Shutdown__Timeout"] = ShutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
    };

    private static IReadOnlyDictionary<string, string> ExternalBroker(int brokerPort, string clientId) => new Dictionary<string, string>
    {
        ["Roles"] = "grains,gateway,api",
        ["Shutdown__Timeout"] = ShutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Mqtt__Enabled"] = "false",
        ["Mqtt__External__Enabled"] = "true",
        ["Mqtt__External__Host"] = "127.0.0.1",
        ["Mqtt__External__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt__External__ClientId"] = clientId,
        ["Mqtt__External__SharedSubscriptionGroup"] = "gateways",
        ["Mqtt__External__ReconnectDelay"] = "00:00:00.2",
        ["Mqtt__External__ReconnectMaxDelay"] = "00:00:01",
        ["Logging__LogLevel__MeterGrains.Gateway.Mqtt.ExternalBrokerSubscriber"] = "Information",
    };

    /// <summary>Ready is not subscribed: a message published before the first subscription has no session to wait in.</summary>
    private static Task WaitSubscribedAsync(SiloProcess silo) =>
        Eventually.UntilAsync(
            () => Task.FromResult(silo.Output.Contains("Connected to MQTT broker", StringComparison.Ordinal)),
            SubscribeTimeout,
            "the gateway is subscribed to Mosquitto");

    /// <summary>Every reading stored once and every meter as calculated.</summary>
    private Task CheckAsync(ClusterLoad load, string database, SiloCluster cluster) =>
        ReportingSilosAsync(cluster, async () =>
        {
            await load.AssertStoredExactlyOnceAsync(database);
            await load.AssertIntegralsAsync(cluster[0].Http);
        });

    /// <summary>Runs <paramref name="step"/>; when it fails, the silos' last words go to the test output.</summary>
    private async Task ReportingSilosAsync(SiloCluster cluster, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch
        {
            output.WriteLine(cluster.Outputs);
            throw;
        }
    }

    private async Task WaitStoredAsync(string database, long atLeast, Task publishing)
    {
        await Eventually.UntilAsync(
            async () => publishing.IsFaulted || await ClusterLoad.CountStoredAsync(database) >= atLeast,
            Deadline,
            $"{atLeast} readings are stored");
        if (publishing.IsFaulted)
        {
            await publishing;
        }

        output.WriteLine($"{await ClusterLoad.CountStoredAsync(database)} readings stored");
    }
}
