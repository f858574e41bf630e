using MeterGrains.Api.Energy;
using MeterGrains.Energy;
using MeterGrains.Meters;

namespace MeterGrains.Api.Meters;

/// <summary>
/// A meter's energy as <c>GET /api/v1/meters/{meterId}/energy</c> returns it: the buckets of interfaces.md, every one of
/// the range, oldest first, with the range, interval and time zone the request resolved to.
/// </summary>
/// <remarks>
/// The documented shape (the OpenAPI schema of the answer). The endpoint writes this JSON itself with
/// <see cref="MeterEnergyJsonResult"/>; serializing a record here is the reference its output is tested against.
/// </remarks>
public sealed record MeterEnergyResponse(
    string MeterId,
    string Interval,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<MeterEnergyBucketResponse> Buckets)
{
    public static MeterEnergyResponse Create(string meterId, EnergyQuery query, IReadOnlyList<MeterEnergyBucket> buckets) => new(
        meterId,
        EnergyIntervalNames.ToName(query.Interval),
        query.TimeZone,
        query.From,
        query.To,
        [.. buckets.Select(b => new MeterEnergyBucketResponse(b.Start, b.End, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete))]);
}

/// <summary>
/// One bucket: power-integral energy, register energy (null where unknown), and whether power readings covered all of it.
/// A bucket without any data has 0 Wh and is incomplete.
/// </summary>
public sealed record MeterEnergyBucketResponse(
    DateTimeOffset Start,
    DateTimeOffset End,
    double ImportWh,
    double ExportWh,
    double? RegisterImportWh,
    double? RegisterExportWh,
    bool Complete);
