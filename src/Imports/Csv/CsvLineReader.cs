using System.Text;

namespace MeterGrains.Imports.Csv;

/// <summary>
/// Reads a stream line by line through a fixed buffer, so an upload of any size takes the same memory. A line longer
/// than the limit is skipped to its end and reported as <see cref="CsvLine.TooLong"/>, never gathered whole
/// (a binary file without line breaks cannot fill the memory). Accepts LF and CRLF, skips a UTF-8 byte order mark.
/// Lines come one at a time as strings (<see cref="ReadAsync"/>), or without a string each: <see cref="TryTakeLine"/>
/// hands out the lines already read, decoded into a buffer the next line reuses, and <see cref="FillAsync"/> reads on.
/// </summary>
public sealed class CsvLineReader(Stream stream, int maxLineBytes)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _buffer = new byte[Math.Max(maxLineBytes, 1024) + 4096];
    // A line of at most maxLineBytes bytes decodes to at most as many UTF-16 characters (an invalid byte becomes one U+FFFD).
    private readonly char[] _line = new char[maxLineBytes];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _started;
    private bool _skipping;
    private long _number;

    /// <summary>The next line, or null at the end of the stream.</summary>
    public async ValueTask<CsvLine?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeLine(out var number, out var text, out var tooLong))
            {
                return new CsvLine(number, text.ToString(), tooLong);
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Takes the next line if the buffer holds all of it (or the stream has ended): its 1-based number, its text (empty
    /// when too long), valid until the next call, and whether it was too long. False when more must be read first.
    /// </summary>
    public bool TryTakeLine(out long number, out ReadOnlySpan<char> text, out bool tooLong)
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline >= 0)
        {
            Take(_start + newline, _start + newline + 1, out number, out text, out tooLong);
            return true;
        }

        if (_endOfStream && (_end > _start || _skipping))
        {
            Take(_end, _end, out number, out text, out tooLong);
            return true;
        }

        number = 0;
        text = default;
        tooLong = false;
        return false;
    }

    /// <summary>Reads more of the stream once no whole line is left in the buffer; false when the stream has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfStream)
        {
            return false;
        }

        if (_end - _start >= maxLineBytes)
        {
            // Too long: drop what we have and keep reading up to the line break.
            _skipping = true;
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

        return true;
    }

    private void Take(int lineEnd, int next, out long number, out ReadOnlySpan<char> text, out bool tooLong)
    {
        _started = true;
        number = ++_number;
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == (byte)'\r')
        {
            length--;
        }

        tooLong = _skipping || length > maxLineBytes;
        text = tooLong ? default : _line.AsSpan(0, Utf8.GetChars(_buffer.AsSpan(_start, length), _line));
        _skipping = false;
        _start = next;
    }
}
