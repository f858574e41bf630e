using System.Buffers;
using System.Buffers.Binary;

namespace MeterGrains.Domain;

/// <summary>
/// Packs the reorder window into about 9 bytes per reading at a Shelly's 10-s cadence, so a meter's snapshot stays
/// within 4 KiB and an active meter keeps little in memory. Lossless: decoding gives the same instants and doubles.
/// </summary>
/// <remarks>
/// <para>
/// Version 2 (written): runs of readings that share a layout, each a varint of layout flags and a varint count, then
/// per reading the time since the previous reading (a varint of milliseconds when it is a whole number of them, else
/// of ticks), each value present, and the 4-byte fingerprint. A value is written as its change since the previous
/// value of its kind in the window, in thousandths: nothing when it did not change, a zigzag varint of tenths when
/// the change is a whole number of tenths (what meters send: 0.1 W, 0.1 Wh), else of thousandths; a value that is
/// no multiple of 0.001 as its 8 raw bytes. A Shelly at 10 s without export: time 2 + power 2 + import 1 + export 0
/// + fingerprint 4 bytes, all readings in one run.
/// </para>
/// <para>
/// Version 1 (still read, so stored snapshots decode): per reading a time varint of ticks, a flags byte, power as
/// absolute thousandths, registers as changes in thousandths, fingerprint; 15 bytes a reading at the same cadence.
/// </para>
/// </remarks>
public static class RecentReadingsCodec
{
    private const byte Version1 = 1;
    private const byte Version2 = 2;
    private const double Scale = 1000;
    private const long ThousandthsPerTenth = 100;
    private const double MaxScaled = 1e15; // keeps k·1000 well inside the exact range of a double
    private const int MaxVarintBytes = 10;

    /// <summary>Run header (two varints), time varint, three values (a varint or 8 raw bytes each), fingerprint.</summary>
    private const int MaxBytesPerReading = (2 * MaxVarintBytes) + MaxVarintBytes + (3 * MaxVarintBytes) + 4;

    /// <summary>Version 2: how one value is written (three bits per value in a run's layout flags).</summary>
    private enum ValueMode
    {
        Absent = 0,
        Unchanged = 1,
        TenthsChange = 2,
        ThousandthsChange = 3,
        Raw = 4,
    }

    /// <summary>Version 2 layout flags: the time unit in bit 0, then three bits per value.</summary>
    private const int TimeInTicks = 1;
    private const int PowerShift = 1;
    private const int ImportShift = 4;
    private const int ExportShift = 7;
    private const int ModeMask = 7;

    /// <summary>Version 1: which values a reading carries and which are raw.</summary>
    [Flags]
    private enum V1Field : byte
    {
        None = 0,
        Power = 1,
        ImportRegister = 2,
        ExportRegister = 4,
        PowerRaw = 8,
        ImportRegisterRaw = 16,
        ExportRegisterRaw = 32,
    }

    /// <summary>The previous value of each kind in thousandths, which the next one is written as a change from.</summary>
    private struct Bases
    {
        public long Power;
        public long Import;
        public long Export;
    }

    public static byte[] Encode(IReadOnlyList<RecentReading> readings)
    {
        // Written into a pooled buffer of the largest possible size, then copied once at its exact length:
        // a meter encodes its window on every reading.
        var rented = ArrayPool<byte>.Shared.Rent(1 + MaxVarintBytes + (readings.Count * MaxBytesPerReading));
        try
        {
            var buffer = rented.AsSpan();
            var position = 0;
            buffer[position++] = Version2;
            WriteVarint(buffer, ref position, (ulong)readings.Count);

            // Each run is laid out by looking ahead with a copy of the bases; the writing pass then moves the real ones.
            var bases = default(Bases);
            var previousTicks = 0L;
            for (var first = 0; first < readings.Count;)
            {
                var lookahead = bases;
                var layout = Layout(readings[first], first == 0 ? 0 : readings[first - 1].At.UtcTicks, ref lookahead);
                var end = first + 1;
                while (end < readings.Count && Layout(readings[end], readings[end - 1].At.UtcTicks, ref lookahead) == layout)
                {
                    end++;
                }

                WriteVarint(buffer, ref position, (ulong)layout);
                WriteVarint(buffer, ref position, (ulong)(end - first));
                for (var i = first; i < end; i++)
                {
                    var r = readings[i];
                    var elapsed = (ulong)(r.At.UtcTicks - previousTicks);
                    previousTicks = r.At.UtcTicks;
                    WriteVarint(buffer, ref position, (layout & TimeInTicks) != 0 ? elapsed : elapsed / TimeSpan.TicksPerMillisecond);
                    WriteValue(buffer, ref position, r.NetPowerW, ref bases.Power);
                    WriteValue(buffer, ref position, r.ImportRegisterWh, ref bases.Import);
                    WriteValue(buffer, ref position, r.ExportRegisterWh, ref bases.Export);
                    BinaryPrimitives.WriteInt32LittleEndian(buffer[position..], r.Fingerprint);
                    position += 4;
                }

                first = end;
            }

            return buffer[..position].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static List<RecentReading> Decode(byte[]? bytes)
    {
        var readings = new List<RecentReading>();
        DecodeInto(bytes, readings);
        return readings;
    }

    /// <summary>Unpacks the window into <paramref name="readings"/>, which is cleared first (a list reused between calls).</summary>
    public static void DecodeInto(byte[]? bytes, List<RecentReading> readings)
    {
        readings.Clear();
        if (bytes is null || bytes.Length == 0)
        {
            return;
        }

        var position = 1;
        var count = (int)ReadVarint(bytes, ref position);
        readings.EnsureCapacity(count);
        switch (bytes[0])
        {
            case Version2:
                DecodeVersion2(bytes, position, count, readings);
                break;
            case Version1:
                DecodeVersion1(bytes, position, count, readings);
                break;
            default:
                throw new InvalidDataException($"Unknown reorder-window encoding version {bytes[0]}.");
        }
    }

    private static void DecodeVersion2(byte[] bytes, int position, int count, List<RecentReading> readings)
    {
        var ticks = 0L;
        var bases = default(Bases);
        while (readings.Count < count)
        {
            var layout = (int)ReadVarint(bytes, ref position);
            var run = (int)ReadVarint(bytes, ref position);
            for (var i = 0; i < run; i++)
            {
                var elapsed = (long)ReadVarint(bytes, ref position);
                ticks += (layout & TimeInTicks) != 0 ? elapsed : elapsed * TimeSpan.TicksPerMillisecond;
                var power = ReadValue(bytes, ref position, Mode(layout, PowerShift), ref bases.Power);
                var import = ReadValue(bytes, ref position, Mode(layout, ImportShift), ref bases.Import);
                var export = ReadValue(bytes, ref position, Mode(layout, ExportShift), ref bases.Export);
                var fingerprint = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
                position += 4;
                readings.Add(new RecentReading(new DateTimeOffset(ticks, TimeSpan.Zero), power, import, export, fingerprint));
            }
        }
    }

    private static void DecodeVersion1(byte[] bytes, int position, int count, List<RecentReading> readings)
    {
        var ticks = 0L;
        long lastImport = 0, lastExport = 0;
        for (var i = 0; i < count; i++)
        {
            ticks += (long)ReadVarint(bytes, ref position);
            var flags = (V1Field)bytes[position++];
            var noBase = 0L;
            var power = ReadValue(bytes, ref position, Mode(flags, V1Field.Power, V1Field.PowerRaw), ref noBase);
            var import = ReadValue(bytes, ref position, Mode(flags, V1Field.ImportRegister, V1Field.ImportRegisterRaw), ref lastImport);
            var export = ReadValue(bytes, ref position, Mode(flags, V1Field.ExportRegister, V1Field.ExportRegisterRaw), ref lastExport);
            var fingerprint = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
            position += 4;
            readings.Add(new RecentReading(new DateTimeOffset(ticks, TimeSpan.Zero), power, import, export, fingerprint));
        }
    }

    private static ValueMode Mode(int layout, int shift) => (ValueMode)((layout >> shift) & ModeMask);

    /// <summary>Version 1 values are absolute (power) or changes (registers) in thousandths, or raw.</summary>
    private static ValueMode Mode(V1Field flags, V1Field present, V1Field raw) =>
        !flags.HasFlag(present) ? ValueMode.Absent : flags.HasFlag(raw) ? ValueMode.Raw : ValueMode.ThousandthsChange;

    /// <summary>The layout flags of one reading, moving <paramref name="bases"/> on as writing it would.</summary>
    private static int Layout(RecentReading r, long previousTicks, ref Bases bases) =>
        ((r.At.UtcTicks - previousTicks) % TimeSpan.TicksPerMillisecond == 0 ? 0 : TimeInTicks)
        | ((int)Classify(r.NetPowerW, ref bases.Power, out _) << PowerShift)
        | ((int)Classify(r.ImportRegisterWh, ref bases.Import, out _) << ImportShift)
        | ((int)Classify(r.ExportRegisterWh, ref bases.Export, out _) << ExportShift);

    /// <summary>
    /// How a value is written, and the varint it is written as (unless absent, unchanged or raw); <paramref name="last"/>
    /// is the previous value of its kind in thousandths, moved on to this one.
    /// </summary>
    private static ValueMode Classify(double? value, ref long last, out long change)
    {
        change = 0;
        if (value is not { } v)
        {
            return ValueMode.Absent;
        }

        var scaled = Math.Round(v * Scale);
        if (!(Math.Abs(scaled) < MaxScaled && scaled / Scale == v))
        {
            return ValueMode.Raw;
        }

        var k = (long)scaled;
        change = k - last;
        last = k;
        if (change == 0)
        {
            return ValueMode.Unchanged;
        }

        if (change % ThousandthsPerTenth == 0)
        {
            change /= ThousandthsPerTenth;
            return ValueMode.TenthsChange;
        }

        return ValueMode.ThousandthsChange;
    }

    private static void WriteValue(Span<byte> buffer, ref int position, double? value, ref long last)
    {
        switch (Classify(value, ref last, out var change))
        {
            case ValueMode.TenthsChange or ValueMode.ThousandthsChange:
                WriteZigzag(buffer, ref position, change);
                break;
            case ValueMode.Raw:
                BinaryPrimitives.WriteDoubleLittleEndian(buffer[position..], value!.Value);
                position += 8;
                break;
        }
    }

    private static double? ReadValue(byte[] bytes, ref int position, ValueMode mode, ref long last)
    {
        switch (mode)
        {
            case ValueMode.Absent:
                return null;
            case ValueMode.Unchanged:
                return last / Scale;
            case ValueMode.Raw:
                var v = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(position, 8));
                position += 8;
                return v;
            default:
                var change = ReadZigzag(bytes, ref position);
                last += mode == ValueMode.TenthsChange ? change * ThousandthsPerTenth : change;
                return last / Scale;
        }
    }

    private static void WriteZigzag(Span<byte> buffer, ref int position, long value) =>
        WriteVarint(buffer, ref position, (ulong)((value << 1) ^ (value >> 63)));

    private static long ReadZigzag(byte[] bytes, ref int position)
    {
        var zigzag = ReadVarint(bytes, ref position);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    private static void WriteVarint(Span<byte> buffer, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
    }

    private static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
