using System.Globalization;

namespace MeterGrains.Api;

/// <summary>
/// The <c>from</c>, <c>to</c> and <c>limit</c> query parameters shared by the list endpoints: instants with an offset
/// (see <see cref="Instants"/>), <c>from</c> inclusive and <c>to</c> exclusive, and a bounded page size.
/// </summary>
internal sealed record RangeQuery(DateTimeOffset From, DateTimeOffset To, int Limit)
{
    /// <summary>
    /// The range, or null with the reason, naming the parameter, in <paramref name="problem"/>. Without <c>to</c> the
    /// range ends at <paramref name="defaultTo"/>; without <c>from</c> it starts <paramref name="defaultRange"/> before
    /// <c>to</c>.
    /// </summary>
    public static RangeQuery? Parse(
        string? from, string? to, string? limit, DateTimeOffset defaultTo, TimeSpan defaultRange, int defaultLimit, int maxLimit,
        out string? problem)
    {
        if (!Instants.TryParse("from", from, out var start, out problem) || !Instants.TryParse("to", to, out var end, out problem))
        {
            return null;
        }

        var count = defaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > maxLimit))
        {
            problem = $"limit must be a whole number from 1 to {maxLimit} (is '{limit}')";
            return null;
        }

        var last = end ?? defaultTo;
        var first = start ?? last - defaultRange;
        if (first >= last)
        {
            problem = $"from must be before to (from {Instants.Format(first)}, to {Instants.Format(last)})";
            return null;
        }

        return new RangeQuery(first, last, count);
    }
}
