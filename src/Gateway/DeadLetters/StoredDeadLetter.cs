using System.Text.Json;

namespace MeterGrains.Gateway.DeadLetters;

/// <summary>A dead letter as stored: what was refused, where, why and when.</summary>
/// <param name="Id">Position in the store.</param>
/// <param name="ReceivedAt">When the input arrived.</param>
/// <param name="Stage">Where it was refused (<c>decode</c>, <c>grain</c>, <c>delivery</c>, ...).</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="MeterId">The meter, when known.</param>
/// <param name="Topic">The MQTT topic, when it came over MQTT.</param>
/// <param name="Reading">The decoded reading, when decoding got that far.</param>
/// <param name="RawPayload">The raw input (truncated), when it did not decode.</param>
public sealed record StoredDeadLetter(
    long Id,
    DateTimeOffset ReceivedAt,
    string Stage,
    string Reason,
    string? MeterId,
    string? Topic,
    JsonElement? Reading,
    string? RawPayload);
