namespace MeterGrains.Imports.Csv;

/// <summary>
/// The fields of one CSV line, split with RFC 4180 quoting (<c>"a, b"</c>, and <c>""</c> for a quote) within the line and
/// unquoted fields trimmed. Reused from line to line: the fields are copied into one buffer that grows to the longest line
/// met, so splitting a line allocates nothing (an import splits every line of its file).
/// </summary>
public sealed class CsvRecord
{
    private char[] _chars = new char[128];
    private int[] _starts = new int[8];
    private int[] _lengths = new int[8];
    private int _used;

    /// <summary>How many fields the last line split had.</summary>
    public int Count { get; private set; }

    /// <summary>Field <paramref name="index"/> of the last line split; valid until the next split.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chars.AsSpan(_starts[index], _lengths[index]);
        }
    }

    /// <summary>Splits <paramref name="line"/> into this record's fields; false when a quoted field is not closed.</summary>
    public bool Split(ReadOnlySpan<char> line, char delimiter)
    {
        Count = 0;
        _used = 0;
        if (_chars.Length < line.Length)
        {
            // Fields never hold more characters than their line.
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var start = _used;
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            _chars[_used++] = '"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    _chars[_used++] = line[i++];
                }

                // What follows the closing quote up to the delimiter is not part of the field.
                Add(start, _used - start);
                var next = line[i..].IndexOf(delimiter);
                if (next < 0)
                {
                    return true;
                }

                i += next + 1;
                continue;
            }

            var rest = line[i..];
            var end = rest.IndexOf(delimiter);
            var field = (end < 0 ? rest : rest[..end]).Trim();
            field.CopyTo(_chars.AsSpan(_used));
            Add(_used, field.Length);
            _used += field.Length;
            if (end < 0)
            {
                return true;
            }

            i += end + 1;
        }
    }

    private void Add(int start, int length)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }
}
