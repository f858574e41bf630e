namespace MeterGrains.Imports.Csv;

/// <summary>
/// Timestamps of an upload: <c>yyyy-MM-dd</c>, then <c>T</c> or a space, <c>HH:mm</c>, optional <c>:ss</c> and fraction,
/// and an optional offset (<c>Z</c>, <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c>). A timestamp without offset is local time in
/// the import's time zone; one that falls in the hour skipped when summer time starts is refused, and one that occurs
/// twice when it ends is taken as its first occurrence (summer time). Hand-written: it runs once per row.
/// </summary>
public static class CsvTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, TimeZoneInfo zone, out DateTimeOffset instant, out string? error)
    {
        instant = default;
        text = text.Trim();
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ' && text[10] != 't') || text[13] != ':'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute))
        {
            error = $"'{Shorten(text)}' is not a timestamp like 2026-10-01 18:00:00 or 2026-10-01T18:00:00Z";
            return false;
        }

        var i = 16;
        var second = 0;
        long fractionTicks = 0;
        if (i < text.Length && text[i] == ':')
        {
            if (!Digits(text, i + 1, 2, out second))
            {
                error = $"'{Shorten(text)}' has no valid seconds";
                return false;
            }

            i += 3;
            if (i < text.Length && (text[i] == '.' || text[i] == ','))
            {
                i++;
                long scale = TimeSpan.TicksPerSecond / 10;
                var digits = 0;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    fractionTicks += (text[i] - '0') * scale;
                    scale /= 10;
                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    error = $"'{Shorten(text)}' has an empty fraction of a second";
                    return false;
                }
            }
        }

        TimeSpan? offset = null;
        if (i < text.Length)
        {
            if (!TryOffset(text[i..], out var parsed))
            {
                error = $"'{Shorten(text)}' has an invalid offset (Z, +01:00, +0100 or +01)";
                return false;
            }

            offset = parsed;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1
            || hour > 23 || minute > 59 || second > 59)
        {
            error = $"'{Shorten(text)}' is not a valid date and time";
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        if (offset is { } known)
        {
            instant = new DateTimeOffset(local, known).ToUniversalTime();
            error = null;
            return true;
        }

        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            instant = new DateTimeOffset(local, TimeSpan.Zero);
            error = null;
            return true;
        }

        if (zone.IsInvalidTime(local))
        {
            error = $"'{Shorten(text)}' does not exist in {zone.Id} (the clock skips it when summer time starts)";
            return false;
        }

        var zoneOffset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, zoneOffset).ToUniversalTime();
        error = null;
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is "Z" or "z")
        {
            return true;
        }

        if (text.Length < 3 || (text[0] != '+' && text[0] != '-') || !Digits(text, 1, 2, out var hours))
        {
            return false;
        }

        var minutes = 0;
        var rest = text[3..];
        if (rest.Length > 0 && !((rest.Length == 3 && rest[0] == ':' && Digits(rest, 1, 2, out minutes)) || (rest.Length == 2 && Digits(rest, 0, 2, out minutes))))
        {
            return false;
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length > 40 ? $"{text[..40]}…" : text.ToString();
}
