using System.Text;

namespace MeterGrains.Api.Tests;

public sealed class InstantsTests
{
    [Theory]
    [InlineData("2026-11-22T10:15:00Z", "2026-11-22T10:15:00Z")]
    [InlineData("2026-11-22T11:15:00+01:00", "2026-11-22T10:15:00Z")]
    [InlineData("2026-11-22T10:15:00.5Z", "2026-11-22T10:15:00.5Z")]
    [InlineData("2026-11-22T10:15:00.1234567Z", "2026-11-22T10:15:00.1234567Z")]
    [InlineData("2026-11-22T10:15:00.0000001Z", "2026-11-22T10:15:00.0000001Z")]
    [InlineData("2026-11-22T10:15:00.0200Z", "2026-11-22T10:15:00.02Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void The_utf8_text_is_the_formatted_string(string instant, string expected)
    {
        var value = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> utf8 = stackalloc byte[28];

        var written = Instants.FormatUtf8(value, utf8);

        Assert.Equal(expected, Instants.Format(value));
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..written]));
    }
}
