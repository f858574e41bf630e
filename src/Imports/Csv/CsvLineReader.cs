using System.Text;

namespace MeterGrains.Imports.Csv;

/// <summary>
/// Reads a stream line by line through a fixed buffer, so an upload of any size takes the same memory. A line longer
/// than the limit is skipped to its end and reported as <see cref="CsvLine.TooLong"/>, never gathered whole
/// (a binary file without line breaks cannot fill the memory). Accepts LF and CRLF, skips a UTF-8 byte order mark.
/// </summary>
public sealed class CsvLineReader(Stream stream, int maxLineBytes)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _buffer = new byte[Math.Max(maxLineBytes, 1024) + 4096];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _started;
    private long _number;

    /// <summary>The next line, or null at the end of the stream.</summary>
    public async ValueTask<CsvLine?> ReadAsync(CancellationToken cancellationToken)
    {
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Take(newline, newline + 1, skipping);
                return line;
            }

            if (_endOfStream)
            {
                if (_end > _start || skipping)
                {
                    return Take(_end, _end, skipping);
                }

                return null;
            }

            if (_end - _start >= maxLineBytes)
            {
                // Too long: drop what we have and keep reading up to the line break.
                skipping = true;
                _start = _end = 0;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
            if (!_started && _end >= 3)
            {
                _started = true;
                if (_buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _start = 3;
                }
            }
        }
    }

    private CsvLine Take(int lineEnd, int next, bool tooLong)
    {
        _started = true;
        _number++;
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == (byte)'\r')
        {
            length--;
        }

        var text = tooLong || length > maxLineBytes ? string.Empty : Utf8.GetString(_buffer, _start, length);
        _start = next;
        return new CsvLine(_number, text, tooLong || length > maxLineBytes);
    }
}
