using System.Globalization;
using System.Net;
using System.Text;
using MeterGrains.Simulator;
using MQTTnet;
using MQTTnet.Protocol;

SimulatorSettings settings;
try
{
    settings = SimulatorSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"simulator: {ex.Message}\n{SimulatorSettings.Usage}");
    return 2;
}

// Load runs only against this machine.
if (!IPAddress.TryParse(settings.Host, out var address) ? settings.Host != "localhost" : !IPAddress.IsLoopback(address))
{
    Console.Error.WriteLine("simulator: --host must be a loopback address");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
if (settings.Duration is { } duration)
{
    stop.CancelAfter(duration);
}

using var client = new MqttClientFactory().CreateMqttClient();
await client.ConnectAsync(new MqttClientOptionsBuilder()
    .WithTcpServer(settings.Host, settings.Port)
    .WithClientId($"metergrains-simulator-{Environment.ProcessId}")
    .Build(), stop.Token);

var profiles = Enumerable.Range(0, settings.Meters).Select(i => new HouseholdProfile(i)).ToArray();
var registers = new double[settings.Meters, 2];
var published = 0L;
var started = DateTimeOffset.UtcNow;
using var timer = new PeriodicTimer(settings.Interval);
try
{
    do
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < settings.Meters; i++)
        {
            var net = profiles[i].NetPowerW(now);
            var import = Math.Max(net, 0);
            var export = Math.Max(-net, 0);
            registers[i, 0] += import * settings.Interval.TotalHours;
            registers[i, 1] += export * settings.Interval.TotalHours;
            var json = string.Create(CultureInfo.InvariantCulture,
                $$"""{"ts":"{{now:yyyy-MM-ddTHH:mm:ss.fffZ}}","importPowerW":{{import}},"exportPowerW":{{export}},"importRegisterWh":{{registers[i, 0]:0.###}},"exportRegisterWh":{{registers[i, 1]:0.###}}}""");
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"meters/{settings.Prefix}-{i:D5}/reading")
                .WithPayload(Encoding.UTF8.GetBytes(json))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), stop.Token);
            published++;
        }

        Console.WriteLine($"simulator: {published} readings from {settings.Meters} meters in {(DateTimeOffset.UtcNow - started).TotalSeconds:0}s");
    }
    while (await timer.WaitForNextTickAsync(stop.Token));
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}

Console.WriteLine($"simulator: stopped after {published} readings");
return 0;
