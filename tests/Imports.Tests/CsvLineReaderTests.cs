using System.Text;
using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Tests;

public sealed class CsvLineReaderTests
{
    [Fact]
    public async Task Reads_lf_and_crlf_lines_skips_the_byte_order_mark_and_keeps_the_last_line_without_break()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("h1,h2\r\nä,1\n\nlast")).ToArray();
        var lines = await ReadAllAsync(new MemoryStream(bytes), 64);
        Assert.Equal([new CsvLine(1, "h1,h2", false), new CsvLine(2, "ä,1", false), new CsvLine(3, "", false), new CsvLine(4, "last", false)], lines);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_skipped_unread_and_the_next_one_read()
    {
        var text = "short\n" + new string('x', 10_000) + "\nafter\n";
        var lines = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), 7), 100);
        Assert.Equal([new CsvLine(1, "short", false), new CsvLine(2, "", true), new CsvLine(3, "after", false)], lines);
    }

    private static async Task<List<CsvLine>> ReadAllAsync(Stream stream, int maxLineBytes)
    {
        var reader = new CsvLineReader(stream, maxLineBytes);
        var lines = new List<CsvLine>();
        while (await reader.ReadAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int perRead) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
