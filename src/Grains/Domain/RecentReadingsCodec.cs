using System.Buffers;
using System.Buffers.Binary;

namespace MeterGrains.Domain;

/// <summary>
/// Packs the reorder window into about 11 bytes per reading at a Shelly's 10-s cadence, so a meter's snapshot stays
/// within 4 KiB and an active meter keeps little in memory. Lossless: decoding gives the same instants and doubles.
/// </summary>
/// <remarks>
/// <para>
/// Version 2 (written): per reading a flags byte, the time since the previous reading (a varint of milliseconds
/// when it is a whole number of them, else of ticks), then each value present as the change since the previous
/// value of its kind in the window, in thousandths: a zigzag varint of tenths when the change is a whole number of
/// tenths (what meters send: 0.1 W, 0.1 Wh), else of thousandths; a value that is no multiple of 0.001 as its 8 raw
/// bytes. Then the 4-byte fingerprint. At 10 s with 0.1 W power changes of up to ±800 W: 2 + 1 + 2 + 1 + 1 + 4 bytes.
/// </para>
/// <para>
/// Version 1 (still read, so stored snapshots decode): time as a varint of ticks, power as absolute thousandths,
/// registers as changes in thousandths; 15 bytes a reading at the same cadence.
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

    /// <summary>Flags, time varint, three values (a varint or 8 raw bytes each), fingerprint.</summary>
    private const int MaxBytesPerReading = 1 + MaxVarintBytes + (3 * MaxVarintBytes) + 4;

    /// <summary>Version 2: how one value is written (two bits per value in the flags byte).</summary>
    private enum ValueMode : byte
    {
        Absent = 0,
        TenthsChange = 1,
        ThousandthsChange = 2,
        Raw = 3,
    }

    /// <summary>Version 2: bit positions in the flags byte.</summary>
    private const int PowerShift = 0;
    private const int ImportShift = 2;
    private const int ExportShift = 4;
    private const byte TimeInTicks = 1 << 6;

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
            var previousTicks = 0L;
            long lastPower = 0, lastImport = 0, lastExport = 0;
            foreach (var r in readings)
            {
                var flagsAt = position++;
                var ticks = r.At.UtcTicks;
                var elapsed = (ulong)(ticks - previousTicks);
                previousTicks = ticks;
                var flags = 0;
                if (elapsed % TimeSpan.TicksPerMillisecond == 0)
                {
                    WriteVarint(buffer, ref position, elapsed / TimeSpan.TicksPerMillisecond);
                }
                else
                {
                    WriteVarint(buffer, ref position, elapsed);
                    flags |= TimeInTicks;
                }

                flags |= (int)WriteValue(buffer, ref position, r.NetPowerW, ref lastPower) << PowerShift;
                flags |= (int)WriteValue(buffer, ref position, r.ImportRegisterWh, ref lastImport) << ImportShift;
                flags |= (int)WriteValue(buffer, ref position, r.ExportRegisterWh, ref lastExport) << ExportShift;
                buffer[flagsAt] = (byte)flags;

                BinaryPrimitives.WriteInt32LittleEndian(buffer[position..], r.Fingerprint);
                position += 4;
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
        long lastPower = 0, lastImport = 0, lastExport = 0;
        for (var i = 0; i < count; i++)
        {
            var flags = bytes[position++];
            var elapsed = (long)ReadVarint(bytes, ref position);
            ticks += (flags & TimeInTicks) != 0 ? elapsed : elapsed * TimeSpan.TicksPerMillisecond;
            var power = ReadValue(bytes, ref position, Mode(flags, PowerShift), ref lastPower);
            var import = ReadValue(bytes, ref position, Mode(flags, ImportShift), ref lastImport);
            var export = ReadValue(bytes, ref position, Mode(flags, ExportShift), ref lastExport);
            var fingerprint = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
            position += 4;
            readings.Add(new RecentReading(new DateTimeOffset(ticks, TimeSpan.Zero), power, import, export, fingerprint));
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

    private static ValueMode Mode(byte flags, int shift) => (ValueMode)((flags >> shift) & 3);

    /// <summary>Version 1 values are absolute (power) or changes (registers) in thousandths, or raw.</summary>
    private static ValueMode Mode(V1Field flags, V1Field present, V1Field raw) =>
        !flags.HasFlag(present) ? ValueMode.Absent : flags.HasFlag(raw) ? ValueMode.Raw : ValueMode.ThousandthsChange;

    /// <summary>Writes a value; <paramref name="last"/> is the previous value of its kind in thousandths that it is a change from.</summary>
    private static ValueMode WriteValue(Span<byte> buffer, ref int position, double? value, ref long last)
    {
        if (value is not { } v)
        {
            return ValueMode.Absent;
        }

        var scaled = Math.Round(v * Scale);
        if (Math.Abs(scaled) < MaxScaled && scaled / Scale == v)
        {
            var k = (long)scaled;
            var change = k - last;
            last = k;
            if (change % ThousandthsPerTenth == 0)
            {
                WriteZigzag(buffer, ref position, change / ThousandthsPerTenth);
                return ValueMode.TenthsChange;
            }

            WriteZigzag(buffer, ref position, change);
            return ValueMode.ThousandthsChange;
        }

        BinaryPrimitives.WriteDoubleLittleEndian(buffer[position..], v);
        position += 8;
        return ValueMode.Raw;
    }

    private static double? ReadValue(byte[] bytes, ref int position, ValueMode mode, ref long last)
    {
        switch (mode)
        {
            case ValueMode.Absent:
                return null;
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
