using MeterGrains.Simulator.Formats;
using MeterGrains.Simulator.Households;
using MeterGrains.Simulator.Publishing;

namespace MeterGrains.Simulator;

/// <summary>
/// The run: the pacer says which readings are due, reading <c>k</c> belongs to meter <c>k mod N</c> (so each meter
/// reads every <c>N / rate</c> seconds) and is stamped with its scheduled instant; the format makes it into messages
/// and the publisher sends them.
/// </summary>
internal sealed class FleetSimulation(
    SimulatorSettings settings,
    IReadingFormat format,
    MqttFleetPublisher publisher,
    PublishCounters counters,
    TimeProvider clock)
{
    private readonly SimulatedMeter[] _meters = [.. Enumerable.Range(0, settings.Meters)
        .Select(i => SimulatedMeter.Create(i, settings.Seed, settings.AnomalyRate, clock.LocalTimeZone))];

    /// <summary>Publishes until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var pacer = new RatePacer(settings.Rate, clock, maxBacklog: TimeSpan.FromSeconds(1));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (first, count) = pacer.TakeDue();
                counters.SkippedBehindSchedule(pacer.Skipped);
                if (count == 0)
                {
                    await Task.Delay(pacer.UntilNext(), clock, stop);
                    continue;
                }

                for (var k = first; k < first + count && !stop.IsCancellationRequested; k++)
                {
                    var meterIndex = (int)(k % _meters.Length);
                    var reading = _meters[meterIndex].Sample(pacer.ScheduledAt(k));
                    if (reading is null)
                    {
                        counters.Silent();
                        continue;
                    }

                    foreach (var message in format.Format(reading))
                    {
                        await publisher.PublishAsync(message, meterIndex, stop);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends what the format still holds (partly filled batches), unless the connection stays down past the deadline.</summary>
    public async Task FlushAsync(CancellationToken deadline)
    {
        try
        {
            foreach (var message in format.Flush())
            {
                await publisher.PublishAsync(message, meterIndex: null, deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }
    }
}
