using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

/// <summary>A meter's domain as the grain drives it: apply a reading, then run the anomaly checks on it.</summary>
internal sealed class AnomalyMeter(AnomalyRules rules, MeterSnapshot? snapshot = null)
{
    public const string Id = "m1";

    private readonly MeterAccumulator _meter = new(snapshot ?? new MeterSnapshot(), new MeterRules());
    private readonly MeterAnomalies _anomalies = new(rules, new MeterRules().MaxGap);

    public MeterSnapshot Snapshot => _meter.Snapshot;

    public MeterAnomalyState State => Snapshot.Anomalies!;

    /// <summary>Applies <paramref name="reading"/> (received when it was measured) and returns the alerts it raised.</summary>
    public IReadOnlyList<Alert> Feed(MeterReading reading)
    {
        var before = MeterAnomalies.Before.Of(_meter.Snapshot);
        var outcome = _meter.Apply(reading, reading.Timestamp);
        List<Alert>? alerts = null;
        if (outcome.Kind == ReadingOutcomeKind.Accepted)
        {
            _anomalies.Observe(Id, _meter.Snapshot, before, reading, ref alerts);
        }

        return alerts ?? [];
    }
}
