using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>The baseline: a grain with the meter grain's ingest signature that holds nothing and does nothing.</summary>
[Alias("MeterGrains.Bench.IBaselineGrain")]
public interface IBaselineGrain : IGrainWithStringKey
{
    [Alias("IngestAsync")]
    ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings);
}
