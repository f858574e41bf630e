using System.Globalization;
using System.Text;
using MeterGrains.Gateway.Decoding;

namespace MeterGrains.Api;

/// <summary>Instants in query strings: ISO-8601 with an explicit offset, like <c>2026-11-22T10:15:00Z</c>.</summary>
internal static class Instants
{
    /// <summary>The longest text of an instant: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int MaxUtf8Bytes = 28;

    /// <summary>Parses <paramref name="value"/> of query parameter <paramref name="name"/>; null when absent.</summary>
    /// <returns>False, with a reason naming the parameter, when the value is not an instant with an offset.</returns>
    public static bool TryParse(string name, string? value, out DateTimeOffset? instant, [NotNullWhen(false)] out string? problem)
    {
        instant = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        // An unescaped '+' in a query string arrives as a space: "10:00:00+01:00" becomes "10:00:00 01:00".
        var text = value.Contains(' ', StringComparison.Ordinal) && !value.Contains('+', StringComparison.Ordinal) ? value.Replace(' ', '+') : value;
        if (IsoInstants.HasExplicitOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        problem = $"{name} '{value}' is not an ISO-8601 instant with an offset (for example 2026-11-22T10:15:00Z; write '+' as %2B)";
        return false;
    }

    /// <summary>An instant as the API writes it: ISO-8601 UTC with a <c>Z</c>, no trailing zero fractions.</summary>
    public static string Format(DateTimeOffset instant)
    {
        Span<byte> utf8 = stackalloc byte[MaxUtf8Bytes];
        return Encoding.UTF8.GetString(utf8[..FormatUtf8(instant, utf8)]);
    }

    /// <summary>
    /// The UTF-8 text of <see cref="Format"/>, into <paramref name="utf8"/> (<see cref="MaxUtf8Bytes"/> suffice); the
    /// bytes written.
    /// </summary>
    /// <remarks>
    /// The standard sortable format and the fraction by hand: a custom format string is interpreted on every call, which
    /// for the two instants of each of a year's 35,040 buckets costs milliseconds.
    /// </remarks>
    public static int FormatUtf8(DateTimeOffset instant, Span<byte> utf8)
    {
        var utc = instant.UtcDateTime;
        if (utf8.Length < MaxUtf8Bytes || !utc.TryFormat(utf8, out var written, "s", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException($"{utf8.Length} bytes do not hold {instant:O}.", nameof(utf8));
        }

        if (utc.Ticks % TimeSpan.TicksPerSecond is var fraction and not 0)
        {
            utf8[written++] = (byte)'.';
            for (var unit = TimeSpan.TicksPerSecond / 10; fraction != 0; unit /= 10)
            {
                utf8[written++] = (byte)('0' + (fraction / unit));
                fraction %= unit;
            }
        }

        utf8[written++] = (byte)'Z';
        return written;
    }
}
