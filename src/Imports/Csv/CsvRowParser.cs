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

    private readonly Dictionary<string, string> _subMeters = new(StringComparer.Ordinal);
    private readonly double?[] _values = new double?[ReadingColumn.All.Count];

    /// <summary>The sub-meter ids met so far, one per channel.</summary>
    public IReadOnlyCollection<string> SubMeters => _subMeters.Values;

    public bool TryParseEnergy(List<string> fields, out EnergyRow row, out string? error)
    {
        row = default;
        if (!TryTimestamp(fields, out var start, out error))
        {
            return false;
        }

        var target = meterId;
        if (header.Channel >= 0 && !TrySubMeter(fields[header.Channel], out target, out error))
        {
            return false;
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

        row = new EnergyRow(target, start, wh);
        return true;
    }

    public bool TryParseReading(List<string> fields, out MeterReading? reading, out string? error)
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

    private bool TryTimestamp(List<string> fields, out DateTimeOffset instant, out string? error)
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

    private bool TrySubMeter(string channel, out string subMeter, out string? error)
    {
        if (_subMeters.TryGetValue(channel, out subMeter!))
        {
            error = null;
            return true;
        }

        if (channel.Length == 0)
        {
            error = "the channel is empty";
            return false;
        }

        var id = $"{meterId}:{channel}";
        if (!MeterIds.IsValid(id))
        {
            error = $"channel '{Shorten(channel)}' does not make a valid sub-meter id '{Shorten(id)}' ({MeterIds.RuleDescription})";
            return false;
        }

        if (_subMeters.Count >= maxChannels)
        {
            error = $"channel '{channel}' is one more than the {maxChannels} channels an import may have";
            return false;
        }

        _subMeters[channel] = id;
        subMeter = id;
        error = null;
        return true;
    }

    private static string Shorten(string text) => text.Length > 40 ? $"{text[..40]}…" : text;
}
