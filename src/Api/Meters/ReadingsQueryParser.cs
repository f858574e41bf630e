using MeterGrains.Meters;

namespace MeterGrains.Api.Meters;

/// <summary>
/// The query parameters of <c>GET /api/v1/meters/{meterId}/readings</c>: <c>from</c> (inclusive) and <c>to</c>
/// (exclusive) as ISO-8601 instants with an offset, and <c>limit</c>. Without <c>to</c> the range ends
/// <see cref="ClockAhead"/> after now (the latest a reading may carry); without <c>from</c> it begins
/// <see cref="DefaultRange"/> before <c>to</c>. <c>limit</c> is <see cref="DefaultLimit"/> unless given, at most
/// <see cref="MaxLimit"/>.
/// </summary>
internal static class ReadingsQueryParser
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    /// <summary>How far ahead of its receive time a reading's ts may be (domain.md).</summary>
    public static readonly TimeSpan ClockAhead = TimeSpan.FromMinutes(5);

    /// <summary>The query, or null with the reason, naming the parameter, in <paramref name="problem"/>.</summary>
    public static ReadingsQuery? Parse(string? from, string? to, string? limit, DateTimeOffset now, out string? problem) =>
        RangeQuery.Parse(from, to, limit, now + ClockAhead, DefaultRange, DefaultLimit, MaxLimit, out problem) is { } range
            ? new ReadingsQuery(range.From, range.To, range.Limit)
            : null;
}
