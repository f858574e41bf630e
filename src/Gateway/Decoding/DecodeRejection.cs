namespace MeterGrains.Gateway.Decoding;

/// <summary>A payload, or one element of it, that a decoder refused.</summary>
/// <param name="Reason">Why, in plain words, naming the offending field.</param>
/// <param name="MeterId">The meter concerned when known and valid; <c>null</c> otherwise.</param>
/// <param name="RawPayload">The offending input as text (the element for a batch, possibly truncated); <c>null</c> when not kept.</param>
/// <param name="Index">Zero-based position of the element in a batch payload; <c>null</c> when the whole payload is refused.</param>
/// <param name="Topic">
/// The topic to record, when it is not the topic of the message being handled (a decoder that releases values
/// assembled from earlier messages); <c>null</c> for that message's topic.
/// </param>
public sealed record DecodeRejection(string Reason, string? MeterId = null, string? RawPayload = null, int? Index = null, string? Topic = null);
