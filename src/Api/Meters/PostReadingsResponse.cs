namespace MeterGrains.Api.Meters;

/// <summary>
/// What <c>POST /api/v1/meters/{meterId}/readings</c> did with a body: how many readings it carried, how many the meter
/// accepted (exact repeats included), and each refused one with its position in the body and the reason.
/// </summary>
public sealed record PostReadingsResponse(
    string MeterId,
    int Received,
    int Accepted,
    IReadOnlyList<RejectedReadingResponse> Rejected);

/// <summary>A refused reading: its zero-based position in the body, its ts when it got that far, and why.</summary>
public sealed record RejectedReadingResponse(int Index, DateTimeOffset? Ts, string Reason);
