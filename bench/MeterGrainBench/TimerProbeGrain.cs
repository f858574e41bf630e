using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>Measures what one grain timer adds to an activation.</summary>
public sealed class TimerProbeGrain : Grain, ITimerProbeGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => Task.CompletedTask, TimeSpan.FromHours(2), TimeSpan.FromHours(2));
        return Task.CompletedTask;
    }

    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings) => ValueTask.FromResult(IngestResult.Empty);
}
