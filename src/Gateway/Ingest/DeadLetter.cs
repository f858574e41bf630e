using MeterGrains.Meters;

namespace MeterGrains.Gateway.Ingest;

/// <summary>An input the gateway could not ingest, with the reason (domain.md: never a silent drop).</summary>
/// <param name="Stage">Where it was refused.</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="ReceivedAt">When the gateway received the message.</param>
/// <param name="MeterId">The meter, when known and valid.</param>
/// <param name="Topic">The MQTT topic, when it came over MQTT and is known at this stage.</param>
/// <param name="Reading">The decoded reading, when it got that far.</param>
/// <param name="RawPayload">The raw input (or the offending element), possibly truncated, when it did not decode.</param>
public sealed record DeadLetter(
    DeadLetterStage Stage,
    string Reason,
    DateTimeOffset ReceivedAt,
    string? MeterId = null,
    string? Topic = null,
    MeterReading? Reading = null,
    string? RawPayload = null);
