using System.Text.Json.Serialization;
using MeterGrains.Meters;

namespace MeterGrains.Api.Meters;

/// <summary>
/// The raw readings of <c>GET /api/v1/meters/{meterId}/readings</c>, oldest first. When the page is full,
/// <see cref="NextFrom"/> is the <c>from</c> of the next page; otherwise it is null.
/// </summary>
public sealed record ReadingsResponse(
    string MeterId,
    DateTimeOffset From,
    DateTimeOffset To,
    int Limit,
    IReadOnlyList<ReadingResponse> Readings,
    DateTimeOffset? NextFrom)
{
    public static ReadingsResponse Create(string meterId, ReadingsQuery query, IReadOnlyList<RecordedReading> readings) => new(
        meterId,
        query.From,
        query.To,
        query.Limit,
        [.. readings.Select(ReadingResponse.From)],
        // Stored instants have microsecond precision, so the next one is at least 1 µs later.
        readings.Count == query.Limit ? readings[^1].Reading.Timestamp.AddTicks(TimeSpan.TicksPerMicrosecond) : null);
}

/// <summary>One reading as received and accepted (absent values are left out), whether it came late, and when it arrived.</summary>
public sealed record ReadingResponse(
    DateTimeOffset Ts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ImportPowerW,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ExportPowerW,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ImportRegisterWh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ExportRegisterWh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? VoltageV,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? CurrentA,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PowerFactor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? FrequencyHz,
    bool Late,
    DateTimeOffset ReceivedAt)
{
    public static ReadingResponse From(RecordedReading recorded)
    {
        var r = recorded.Reading;
        return new ReadingResponse(
            r.Timestamp, r.ImportPowerW, r.ExportPowerW, r.ImportRegisterWh, r.ExportRegisterWh,
            r.VoltageV, r.CurrentA, r.PowerFactor, r.FrequencyHz, recorded.Late, recorded.ReceivedAt);
    }
}
