namespace MeterGrains.Imports.Csv;

/// <summary>What the header line says: the shape of the file and where its columns are.</summary>
public sealed class CsvHeader
{
    public static readonly IReadOnlyList<string> TimestampNames = ["timestamp", "ts", "time", "datetime", "start", "interval_start"];

    public static readonly IReadOnlyList<string> ChannelNames = ["appliance", "circuit", "channel"];

    private CsvHeader(CsvShape shape, char delimiter, int columns, int timestamp)
    {
        Shape = shape;
        Delimiter = delimiter;
        Columns = columns;
        Timestamp = timestamp;
    }

    public CsvShape Shape { get; }

    public char Delimiter { get; }

    /// <summary>Number of columns the header names; every row must have as many.</summary>
    public int Columns { get; }

    public int Timestamp { get; }

    /// <summary>Interval energy: the channel column, or -1 when the whole file is the meter itself.</summary>
    public int Channel { get; private init; } = -1;

    /// <summary>Interval energy: the energy column.</summary>
    public int Energy { get; private init; } = -1;

    /// <summary>Interval energy: true when the energy column is <c>kwh</c> (else <c>wh</c>).</summary>
    public bool Kilowatthours { get; private init; }

    /// <summary>Readings: the column of each value of <see cref="ReadingColumn.All"/>, or -1 when absent.</summary>
    public int[] Values { get; private init; } = [];

    /// <summary>Header names that are not used, in file order.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; private init; } = [];

    /// <summary>The header, or null with the reason the line is not the header of either shape.</summary>
    public static CsvHeader? Parse(string line, out string? problem)
    {
        var delimiter = CsvFields.DelimiterOf(line);
        var names = new List<string>();
        if (!CsvFields.Split(line, delimiter, names) || names.Count < 2)
        {
            problem = NeitherShape(line);
            return null;
        }

        var lower = names.Select(n => n.Trim().ToLowerInvariant()).ToArray();
        if (lower.Distinct().Count() != lower.Length)
        {
            problem = $"the header names a column twice: '{Shorten(line)}'";
            return null;
        }

        var kwh = Array.IndexOf(lower, "kwh");
        var wh = Array.IndexOf(lower, "wh");
        if (kwh >= 0 || wh >= 0)
        {
            if (kwh >= 0 && wh >= 0)
            {
                problem = "the header has both a kwh and a wh column; an interval-energy file has one energy column";
                return null;
            }

            var timestamp = IndexOfAny(lower, TimestampNames);
            if (timestamp < 0)
            {
                problem = $"an interval-energy file needs a timestamp column ({string.Join(", ", TimestampNames)})";
                return null;
            }

            var channel = IndexOfAny(lower, ChannelNames);
            var energy = Math.Max(kwh, wh);
            problem = null;
            return new CsvHeader(CsvShape.IntervalEnergy, delimiter, names.Count, timestamp)
            {
                Channel = channel,
                Energy = energy,
                Kilowatthours = kwh >= 0,
                IgnoredColumns = names.Where((_, i) => i != timestamp && i != channel && i != energy).ToArray(),
            };
        }

        var values = ReadingColumn.All.Select(c => Array.IndexOf(lower, c.Name.ToLowerInvariant())).ToArray();
        if (values.Any(v => v >= 0))
        {
            var ts = Array.IndexOf(lower, "ts") is >= 0 and var t ? t : Array.IndexOf(lower, "timestamp");
            if (ts < 0)
            {
                problem = "a readings file needs a ts column";
                return null;
            }

            problem = null;
            return new CsvHeader(CsvShape.Readings, delimiter, names.Count, ts)
            {
                Values = values,
                IgnoredColumns = names.Where((_, i) => i != ts && !values.Contains(i)).ToArray(),
            };
        }

        problem = NeitherShape(line);
        return null;
    }

    private static int IndexOfAny(string[] names, IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            var index = Array.IndexOf(names, candidate);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static string NeitherShape(string line) =>
        $"the first line '{Shorten(line)}' is not the header of a readings file (ts plus value columns: "
        + string.Join(", ", ReadingColumn.All.Select(c => c.Name))
        + ") nor of an interval-energy file (timestamp, optional appliance, circuit or channel, and kwh or wh)";

    private static string Shorten(string line) => line.Length > 80 ? $"{line[..80]}…" : line;
}
