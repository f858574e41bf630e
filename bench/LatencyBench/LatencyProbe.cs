using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Bench;

/// <summary>
/// The probe meter: one MQTT connection of its own that publishes a generic reading of <see cref="MeterId"/> every
/// interval (QoS 1, not waiting for the acknowledgement before the next), and a receiver's side that matches each
/// arrival to its publish by the reading's timestamp, which is unique per reading (whole milliseconds, increasing).
/// Publish and arrival are timed with one <see cref="Stopwatch"/> in this process, so no clocks are compared.
/// </summary>
public sealed class LatencyProbe : IAsyncDisposable
{
    public const string MeterId = "probe-00000";
    public const string Topic = $"meters/{MeterId}/reading";

    // 360 W for 100 ms is 0.01 Wh: the register grows by that per reading, so every reading is plausible.
    private const double PowerW = 360;

    private readonly ConcurrentDictionary<DateTimeOffset, long> _sent = new();
    private readonly ConcurrentQueue<double> _latenciesMs = new();
    private readonly IMqttClient _client;
    private DateTimeOffset _lastTs = DateTimeOffset.MinValue;
    private double _registerWh = 1000;

    private LatencyProbe(IMqttClient client) => _client = client;

    public int Published { get; private set; }

    /// <summary>Publishes that never arrived (or arrived coalesced into a later one).</summary>
    public int NotReceived => _sent.Count;

    public IReadOnlyList<double> LatenciesMs => [.. _latenciesMs];

    public static async Task<LatencyProbe> ConnectAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId("latency-probe").WithCleanSession()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        return new LatencyProbe(client);
    }

    /// <summary>One reading, awaited and not timed: makes the meter exist before anyone subscribes to it.</summary>
    public async Task PrimeAsync() => await _client.PublishAsync(NextMessage());

    /// <summary>Publishes one reading every <paramref name="interval"/> for <paramref name="duration"/>.</summary>
    public async Task RunAsync(TimeSpan duration, TimeSpan interval)
    {
        var pending = new List<Task>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var timer = new PeriodicTimer(interval);
        do
        {
            var message = NextMessage();
            _sent[_lastTs] = Stopwatch.GetTimestamp();
            pending.Add(_client.PublishAsync(message));
            Published++;
        }
        while (await timer.WaitForNextTickAsync() && Stopwatch.GetTimestamp() < end);

        await Task.WhenAll(pending);
    }

    /// <summary>A receiver saw the reading stamped <paramref name="ts"/>; anything else (an older state) is ignored.</summary>
    public void Arrived(DateTimeOffset ts)
    {
        var now = Stopwatch.GetTimestamp();
        if (_sent.TryRemove(ts, out var sentAt))
        {
            _latenciesMs.Enqueue(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }

    private MqttApplicationMessage NextMessage()
    {
        var now = DateTimeOffset.UtcNow;
        var ts = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _lastTs = ts > _lastTs ? ts : _lastTs.AddMilliseconds(1);
        _registerWh += PowerW * 0.1 / 3600;
        var payload = string.Create(CultureInfo.InvariantCulture,
            $$"""{"ts":"{{_lastTs:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","importPowerW":{{PowerW}},"exportPowerW":0,"importRegisterWh":{{_registerWh:0.###}},"exportRegisterWh":0}""");
        return new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }
}
