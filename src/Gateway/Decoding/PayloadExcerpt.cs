using System.Buffers;
using System.Text;

namespace MeterGrains.Gateway.Decoding;

/// <summary>Short text of an offending input for a dead letter: at most <see cref="MaxChars"/> characters, cut with "…".</summary>
internal static class PayloadExcerpt
{
    public const int MaxChars = 512;

    /// <summary>The payload as UTF-8 text, cut to <see cref="MaxChars"/>.</summary>
    public static string Of(ReadOnlySequence<byte> payload)
    {
        var head = payload.Length > MaxChars ? payload.Slice(0, MaxChars) : payload;
        return Of(Encoding.UTF8.GetString(head), cut: payload.Length > MaxChars);
    }

    /// <summary><paramref name="text"/>, cut to <see cref="MaxChars"/>.</summary>
    public static string Of(string text) => Of(text, cut: false);

    private static string Of(string text, bool cut) =>
        text.Length > MaxChars ? string.Concat(text.AsSpan(0, MaxChars), "…")
        : cut ? text + "…"
        : text;
}
