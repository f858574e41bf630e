using System.Globalization;
using MeterGrains.Meters;

namespace MeterGrains.Imports.Csv;

/// <summary>
/// Turns the fields of one data line into an <see cref="EnergyRow"/> or a <see cref="MeterReading"/>, with the rules of
/// domain.md where they apply to history (no late-data limit: old history is what imports are for).
/// </summary>
public sealed class CsvRowParser(CsvHeader header, string meterId, TimeZoneInfo zone, DateTimeOffset latestAllowed, int maxChannels)
{
    /// <summary>A power above this is implausible (domain.md's default bound, 100 kW).</summary>
    public const double MaxPowerW = 100_000;

    /// <summary>A register above this is implausible (domain.md, 10^12 Wh).</summary>
    public const double MaxRegisterWh = 1e12;

    /// <summary>An interval's energy above this is implausible: 100 kW for an hour, intervals being at most an hour.</summary>
    public const double MaxIntervalWh = 100_000;

    // Channel name → its index in _targets; looked up by the field's characters, without making a string per row.
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _channels =
        new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly List<string> _targets = [];
    private readonly double?[] _values = new double?[ReadingColumn.All.Count];

    /// <summary>
    /// The meter each channel index stands for, in the order the channels were first met: the sub-meters
    /// <c>&lt;meterId&gt;:&lt;channel&gt;</c>, or the meter itself (index 0) when the file has no channel column.
    /// </summary>
    public IReadOnlyList<string> Targets => _targets;

    /// <summary>Parses an interval-energy row; <paramref name="channel"/> is its index in <see cref="Targets"/>.</summary>
    public bool TryParseEnergy(CsvRecord fields, out EnergyRow row, out int channel, out string? error)
    {
        row = default;
        channel = 0;
        if (!TryTimestamp(fields, out var start, out error))
        {
            return false;
        }

        if (header.Channel >= 0)
        {
            if (!TryChannel(fields[header.Channel], out channel, out error))
            {
                return false;
            }
        }
        else if (_targets.Count == 0)
        {
            _targets.Add(meterId);
        }

        var text = fields[header.Energy];
        var unit = header.Kilowatthours ? "kwh" : "wh";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var energy) || !double.IsFinite(energy))
        {
            error = $"{unit} '{Shorten(text)}' is not a number";
            return false;
        }

        var wh = header.Kilowatthours ? energy * 1000 : energy;
        if (wh < 0)
        {
            error = $"{unit} {text} is negative (energy per interval is at least 0)";
            return false;
        }

        if (wh > MaxIntervalWh)
        {
            error = $"{unit} {text} is more than {MaxIntervalWh / 1000} kWh in one interval";
            return false;
        }

        row = new EnergyRow(_targets[channel], start, wh);
        return true;
    }

    public bool TryParseReading(CsvRecord fields, out MeterReading? reading, out string? error)
    {
        reading = null;
        if (!TryTimestamp(fields, out var ts, out error))
        {
            return false;
        }

        var any = false;
        for (var v = 0; v < _values.Length; v++)
        {
            _values[v] = null;
            var column = header.Values[v];
            if (column < 0 || fields[column].Length == 0)
            {
                continue;
            }

            var text = fields[column];
            var name = ReadingColumn.All[v].Name;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                error = $"{name} '{Shorten(text)}' is not a finite number";
                return false;
            }

            if (ReadingValueRule.Explain(v, value) is { } refused)
            {
                error = $"{name} {text} {refused}";
                return false;
            }

            _values[v] = value;
            any = true;
        }

        if (!any)
        {
            error = "the row has no value";
            return false;
        }

        reading = new MeterReading(ts, _values[0], _values[1], _values[2], _values[3], _values[4], _values[5], _values[6], _values[7]);
        return true;
    }

    private bool TryTimestamp(CsvRecord fields, out DateTimeOffset instant, out string? error)
    {
        if (fields.Count != header.Columns)
        {
            instant = default;
            error = $"{fields.Count} fields, the header has {header.Columns}";
            return false;
        }

        if (!CsvTimestamp.TryParse(fields[header.Timestamp], zone, out instant, out error))
        {
            return false;
        }

        if (instant > latestAllowed)
        {
            error = $"timestamp {instant:yyyy-MM-ddTHH:mm:ssZ} is in the future";
            return false;
        }

        return true;
    }

    private bool TryChannel(ReadOnlySpan<char> name, out int channel, out string? error)
    {
        if (_channels.TryGetValue(name, out channel))
        {
            error = null;
            return true;
        }

        if (name.IsEmpty)
        {
            error = "the channel is empty";
            return false;
        }

        var id = $"{meterId}:{name}";
        if (!MeterIds.IsValid(id))
        {
            error = $"channel '{Shorten(name)}' does not make a valid sub-meter id '{Shorten(id)}' ({MeterIds.RuleDescription})";
            return false;
        }

        if (_channels.Dictionary.Count >= maxChannels)
        {
            error = $"channel '{name}' is one more than the {maxChannels} channels an import may have";
            return false;
        }

        channel = _targets.Count;
        _channels[name] = channel;
        _targets.Add(id);
        error = null;
        return true;
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length > 40 ? $"{text[..40]}…" : text.ToString();
}
