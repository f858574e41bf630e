using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Tests;

public sealed class CsvTimestampTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Theory]
    [InlineData("2026-10-01 18:00:00", "UTC", "2026-10-01T18:00:00Z")]
    [InlineData("2026-10-01T18:00", "UTC", "2026-10-01T18:00:00Z")]
    [InlineData("2026-10-01T18:00:00.25Z", "Europe/Brussels", "2026-10-01T18:00:00.25Z")]
    [InlineData("2026-10-01 18:00:00+02:00", "UTC", "2026-10-01T16:00:00Z")]
    [InlineData("2026-10-01 18:00:00-0130", "UTC", "2026-10-01T19:30:00Z")]
    [InlineData("2026-10-01 18:00:00+05", "UTC", "2026-10-01T13:00:00Z")]
    // Summer time in Brussels (UTC+2) and winter time (UTC+1).
    [InlineData("2026-10-01 18:00:00", "Europe/Brussels", "2026-10-01T16:00:00Z")]
    [InlineData("2026-11-22 10:15:00", "Europe/Brussels", "2026-11-22T09:15:00Z")]
    // 25 October 2026, 02:30 happens twice in Brussels: the first time, still in summer time (UTC+2).
    [InlineData("2026-10-25 02:30:00", "Europe/Brussels", "2026-10-25T00:30:00Z")]
    public void Parses_with_and_without_offset(string text, string zone, string expected)
    {
        Assert.True(CsvTimestamp.TryParse(text, TimeZoneInfo.FindSystemTimeZoneById(zone), out var instant, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(expected), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("2026-13-01 18:00:00", "not a valid date")]
    [InlineData("2026-02-29 18:00:00", "not a valid date")]
    [InlineData("2026-10-01 24:00:00", "not a valid date")]
    [InlineData("01.10.2026 18:00", "is not a timestamp")]
    [InlineData("2026-10-01", "is not a timestamp")]
    [InlineData("2026-10-01 18:00:00 CET", "invalid offset")]
    [InlineData("2026-10-01 18:00:xx", "no valid seconds")]
    // 29 March 2026, 02:30 does not exist in Brussels: the clock goes from 02:00 to 03:00.
    [InlineData("2026-03-29 02:30:00", "does not exist in Europe/Brussels")]
    public void Refuses_with_a_reason(string text, string reason)
    {
        Assert.False(CsvTimestamp.TryParse(text, Brussels, out _, out var error));
        Assert.Contains(reason, error);
    }
}
