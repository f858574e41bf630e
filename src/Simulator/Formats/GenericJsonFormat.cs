using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Formats;

/// <summary>
/// Generic JSON on <c>meters/{meterId}/reading</c>: one object per reading, or with a batch size above 1 an array of
/// that many consecutive readings of one meter (a device that buffers and uploads in bursts).
/// </summary>
internal sealed class GenericJsonFormat : IReadingFormat
{
    private readonly string _meterIdPrefix;
    private readonly int _batch;
    private readonly List<MeterReading>?[] _pending;

    public GenericJsonFormat(string meterIdPrefix, int meters, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        (_meterIdPrefix, _batch, _pending) = (meterIdPrefix, batch, new List<MeterReading>?[meters]);
    }

    public string MeterIdOf(int meterIndex) => $"{_meterIdPrefix}-{meterIndex:D5}";

    public IReadOnlyList<OutgoingMessage> Format(MeterReading reading)
    {
        if (_batch == 1)
        {
            return [Message(reading.MeterIndex, [reading])];
        }

        var pending = _pending[reading.MeterIndex] ??= new List<MeterReading>(_batch);
        pending.Add(reading);
        if (pending.Count < _batch)
        {
            return [];
        }

        var message = Message(reading.MeterIndex, pending);
        pending.Clear();
        return [message];
    }

    public IReadOnlyList<OutgoingMessage> Flush()
    {
        var messages = new List<OutgoingMessage>();
        foreach (var pending in _pending)
        {
            if (pending is { Count: > 0 })
            {
                messages.Add(Message(pending[0].MeterIndex, pending));
                pending.Clear();
            }
        }

        return messages;
    }

    private OutgoingMessage Message(int meterIndex, IReadOnlyList<MeterReading> readings)
    {
        var buffer = new ArrayBufferWriter<byte>(160 * readings.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (_batch > 1)
            {
                json.WriteStartArray();
            }

            foreach (var reading in readings)
            {
                Write(json, reading);
            }

            if (_batch > 1)
            {
                json.WriteEndArray();
            }
        }

        return new OutgoingMessage($"meters/{MeterIdOf(meterIndex)}/reading", buffer.WrittenSpan.ToArray(), readings.Count);
    }

    private static void Write(Utf8JsonWriter json, MeterReading reading)
    {
        var grid = reading.Grid;
        json.WriteStartObject();
        json.WriteString("ts", reading.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("importPowerW", Numbers.Round(Math.Max(grid.PowerW, 0), 2));
        json.WriteNumber("exportPowerW", Numbers.Round(Math.Max(-grid.PowerW, 0), 2));
        json.WriteNumber("importRegisterWh", Numbers.Round(grid.ImportRegisterWh, 3));
        json.WriteNumber("exportRegisterWh", Numbers.Round(grid.ExportRegisterWh, 3));
        json.WriteNumber("voltageV", Numbers.Round(grid.VoltageV, 1));
        json.WriteNumber("powerFactor", Numbers.Round(grid.PowerFactor, 2));
        json.WriteEndObject();
    }
}
