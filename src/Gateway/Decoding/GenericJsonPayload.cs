namespace MeterGrains.Gateway.Decoding;

/// <summary>What <see cref="GenericJsonReadings"/> made of one payload.</summary>
/// <param name="Problem">Why the payload as a whole carries no reading (not JSON, neither object nor array, an empty array); null otherwise.</param>
/// <param name="RawText">The payload as text, possibly truncated, when it is refused as a whole.</param>
/// <param name="IsArray">True when the payload is an array; a single object gives one element.</param>
/// <param name="Elements">One per reading object, in payload order; empty when <paramref name="Problem"/> is set.</param>
public sealed record GenericJsonPayload(string? Problem, string? RawText, bool IsArray, IReadOnlyList<GenericJsonElement> Elements)
{
    /// <summary>A payload refused as a whole.</summary>
    public static GenericJsonPayload Refused(string problem, string? rawText) => new(problem, rawText, false, []);
}
