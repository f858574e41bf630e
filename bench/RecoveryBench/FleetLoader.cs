using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Bench;

/// <summary>
/// Publishes every meter's readings over MQTT QoS 1 in rounds (round r carries readings r·K … r·K + K − 1 of every
/// meter, one message per meter) and counts, per meter, the readings whose message the silo acknowledged: the silo
/// acknowledges only once they are stored, so these must survive a crash.
/// </summary>
public sealed class FleetLoader : IAsyncDisposable
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(10);

    private readonly RecoverySettings _settings;
    private readonly IMqttClient[] _clients;
    private readonly SemaphoreSlim _inFlight;
    private readonly int[] _acked;
    private readonly DateTimeOffset _first;
    private long _ackedMessages;
    private long _failedMessages;

    private FleetLoader(RecoverySettings settings, IMqttClient[] clients)
    {
        _settings = settings;
        _clients = clients;
        _inFlight = new SemaphoreSlim(settings.MaxInFlight);
        _acked = new int[settings.Meters];
        // Whole seconds, every 10 s, the last reading of every meter a few seconds from now.
        _first = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - (Cadence * (settings.Readings - 1));
    }

    /// <summary>Messages acknowledged so far (all rounds).</summary>
    public long AckedMessages => Interlocked.Read(ref _ackedMessages);

    /// <summary>Messages whose publish failed or was not acknowledged as a success.</summary>
    public long FailedMessages => Interlocked.Read(ref _failedMessages);

    /// <summary>Readings acknowledged per meter (index = meter number).</summary>
    public IReadOnlyList<int> AckedReadings => _acked;

    public static string MeterIdOf(int meter) => string.Create(CultureInfo.InvariantCulture, $"rec-{meter:D6}");

    public static async Task<FleetLoader> ConnectAsync(RecoverySettings settings, int port)
    {
        var factory = new MqttClientFactory();
        var clients = new IMqttClient[settings.Connections];
        for (var c = 0; c < clients.Length; c++)
        {
            clients[c] = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId(string.Create(CultureInfo.InvariantCulture, $"recovery-{c}")).WithCleanStart().Build();
            await clients[c].ConnectAsync(options);
        }

        return new FleetLoader(settings, clients);
    }

    /// <summary>Publishes one round and waits for its acknowledgements (or failures); stops publishing when <paramref name="stop"/> fires.</summary>
    public async Task RunRoundAsync(int round, CancellationToken stop)
    {
        var publishes = new List<Task>(_settings.Meters);
        for (var meter = 0; meter < _settings.Meters && !stop.IsCancellationRequested; meter++)
        {
            try
            {
                await _inFlight.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            publishes.Add(PublishAsync(meter, round));
        }

        await Task.WhenAll(publishes);
    }

    private async Task PublishAsync(int meter, int round)
    {
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"meters/{MeterIdOf(meter)}/reading")
                .WithPayload(Payload(meter, round))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _clients[meter % _clients.Length].PublishAsync(message, CancellationToken.None);
            // Success, or NoMatchingSubscribers from an MQTT 5 broker: either way stored before acknowledged.
            if (result.IsSuccess)
            {
                Interlocked.Add(ref _acked[meter], _settings.Batch);
                Interlocked.Increment(ref _ackedMessages);
            }
            else
            {
                Interlocked.Increment(ref _failedMessages);
            }
        }
        catch (Exception)
        {
            // The silo was killed under it: not acknowledged, so it may or may not be stored.
            Interlocked.Increment(ref _failedMessages);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>A JSON array of K readings: 100–1,099 W by meter, registers rising with the power.</summary>
    private byte[] Payload(int meter, int round)
    {
        var power = 100 + (meter % 1000);
        var json = new StringBuilder("[");
        for (var k = 0; k < _settings.Batch; k++)
        {
            var index = (round * _settings.Batch) + k;
            var ts = _first + (Cadence * index);
            var registerWh = 1000 + (index * power * Cadence.TotalHours);
            json.Append(CultureInfo.InvariantCulture,
                $$"""{{(k > 0 ? "," : "")}}{"ts":"{{ts:yyyy-MM-dd'T'HH:mm:ss'Z'}}","importPowerW":{{power}},"exportPowerW":0,"importRegisterWh":{{registerWh:0.###}}}""");
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync();
                }
            }
            catch (Exception)
            {
                // The broker is gone; nothing to say goodbye to.
            }

            client.Dispose();
        }

        _inFlight.Dispose();
    }
}
