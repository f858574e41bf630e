namespace MeterGrains.Gateway.Decoding;

/// <summary>The rule for instants in text, shared by MQTT payloads and the REST API.</summary>
public static class IsoInstants
{
    /// <summary>
    /// True when the time part of <paramref name="text"/> names its offset (<c>Z</c> or <c>±hh:mm</c>). An instant
    /// without one is ambiguous (device-local? UTC?): it is refused rather than guessed.
    /// </summary>
    public static bool HasExplicitOffset(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var timeStart = text.IndexOfAny(['T', 't']);
        if (timeStart < 0)
        {
            return false;
        }

        var time = text.AsSpan(timeStart + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }
}
