using MeterGrains.Simulator;
using MeterGrains.Simulator.Formats;
using MeterGrains.Simulator.Publishing;
using MQTTnet.Exceptions;

if (args is ["-h" or "--help"])
{
    Console.WriteLine(SimulatorSettings.Usage);
    return 0;
}

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

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var counters = new PublishCounters();
var format = ReadingFormats.Create(settings);
await using var publisher = new MqttFleetPublisher(settings, counters, Console.Error);
try
{
    await publisher.ConnectAsync(stop.Token);
}
catch (Exception ex) when (ex is MqttCommunicationException or MqttCommunicationFailure or OperationCanceledException)
{
    Console.Error.WriteLine($"simulator: cannot connect to {settings.Host}:{settings.Port}: {ex.Message}");
    return 1;
}

stop.CancelAfter(settings.Duration);
Console.Error.WriteLine($"simulator: {settings.Meters} {settings.Format} meters, {settings.Rate:0.###} readings/s, for {settings.Duration.TotalSeconds:0.#} s; first meter id: {format.MeterIdOf(0)}");
var simulation = new FleetSimulation(settings, format, publisher, counters, TimeProvider.System);
var progress = new ProgressReporter(counters, settings.Rate, TimeProvider.System);
var reporting = progress.RunAsync(Console.Error, stop.Token);
await simulation.RunAsync(stop.Token);

using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(10));
await simulation.FlushAsync(closing.Token);
await publisher.DrainAsync(TimeSpan.FromSeconds(10));
await reporting;
Console.WriteLine(progress.Summary());
return counters.Failed == 0 ? 0 : 1;
