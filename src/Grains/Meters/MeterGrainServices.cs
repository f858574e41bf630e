using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Storage;
using Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Meters;

/// <summary>
/// Everything a <see cref="MeterGrain"/> needs from the silo that is the same for every meter, in one object per silo:
/// each meter holds one reference to it instead of a field per service, option and rule set (a silo keeps up to a
/// million meters active, so every field of the grain counts a million times).
/// </summary>
public sealed class MeterGrainServices(
    [FromKeyedServices(StorageNames.Postgres)] IGrainStorage grainStorage,
    IReadingStore store,
    IAlertStore alerts,
    IOptions<MeterOptions> options,
    IOptions<AnomalyOptions> anomalyOptions,
    MeterWatch watch,
    GrainMetrics metrics,
    TimeProvider clock,
    ILogger<MeterGrain> logger)
{
    /// <summary>Where the meter's snapshot and assignment rows are (the provider <c>[PersistentState]</c> would use).</summary>
    public IGrainStorage GrainStorage { get; } = grainStorage;

    public IReadingStore Store { get; } = store;

    public IAlertStore Alerts { get; } = alerts;

    public MeterOptions Options { get; } = options.Value;

    /// <summary>The domain rules of every meter (<see cref="MeterOptions.Rules"/>).</summary>
    public MeterRules Rules { get; } = options.Value.Rules;

    /// <summary>The anomaly checks: their per-meter memory is in the snapshot, so one instance serves every meter.</summary>
    public MeterAnomalies Anomalies { get; } = new(anomalyOptions.Value.Rules, options.Value.MaxGap);

    public MeterWatch Watch { get; } = watch;

    public GrainMetrics Metrics { get; } = metrics;

    public TimeProvider Clock { get; } = clock;

    public ILogger<MeterGrain> Logger { get; } = logger;
}
