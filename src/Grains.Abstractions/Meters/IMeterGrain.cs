namespace MeterGrains.Meters;

/// <summary>
/// One metering point. Keyed by the meter id (1–64 characters of <c>[A-Za-z0-9._:-]</c>).
/// </summary>
[Alias("MeterGrains.IMeterGrain")]
public interface IMeterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of readings in order. Invalid readings are rejected one by one with a reason;
    /// the others are kept. Repeating a batch is harmless (readings are idempotent on their timestamp).
    /// </summary>
    [Alias("IngestAsync")]
    ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings);

    /// <summary>Puts the meter in a household with a role, or takes it out (null).</summary>
    [Alias("AssignAsync")]
    Task AssignAsync(string? householdId, Households.MeterRole role);

    /// <summary>The live state and counters.</summary>
    [Alias("GetStateAsync")]
    ValueTask<MeterLiveState> GetStateAsync();
}
