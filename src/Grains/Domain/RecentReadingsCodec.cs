using System.Buffers;
using System.Buffers.Binary;

namespace MeterGrains.Domain;

/// <summary>
/// Packs the reorder window into a few bytes per reading, so a meter's snapshot stays within about 4 KiB at one
/// reading every 10 s. Times are varint deltas in ticks; a value that is an exact multiple of 0.001 (what meters
/// send) is a zigzag varint of thousandths (for registers, of the change since the previous register value in the
/// window, which is small), anything else its 8 raw bytes. Lossless: decoding gives the same doubles.
/// </summary>
public static class RecentReadingsCodec
{
    private const byte Version = 1;
    private const double Scale = 1000;
    private const double MaxScaled = 1e15; // keeps k·1000 well inside the exact range of a double
    private const int MaxVarintBytes = 10;

    /// <summary>Time varint, flags, three values (a varint or 8 raw bytes each), fingerprint.</summary>
    private const int MaxBytesPerReading = MaxVarintBytes + 1 + (3 * MaxVarintBytes) + 4;

    [Flags]
    private enum Field : byte
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
            buffer[position++] = Version;
            WriteVarint(buffer, ref position, (ulong)readings.Count);
            var previous = 0L;
            long lastImport = 0, lastExport = 0;
            foreach (var r in readings)
            {
                var ticks = r.At.UtcTicks;
                WriteVarint(buffer, ref position, (ulong)(ticks - previous));
                previous = ticks;

                var flagsAt = position++;
                var noBase = 0L;
                var flags = WriteValue(buffer, ref position, r.NetPowerW, Field.Power, Field.PowerRaw, ref noBase)
                    | WriteValue(buffer, ref position, r.ImportRegisterWh, Field.ImportRegister, Field.ImportRegisterRaw, ref lastImport)
                    | WriteValue(buffer, ref position, r.ExportRegisterWh, Field.ExportRegister, Field.ExportRegisterRaw, ref lastExport);
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

        if (bytes[0] != Version)
        {
            throw new InvalidDataException($"Unknown reorder-window encoding version {bytes[0]}.");
        }

        var position = 1;
        var count = (int)ReadVarint(bytes, ref position);
        readings.EnsureCapacity(count);
        var ticks = 0L;
        long lastImport = 0, lastExport = 0;
        for (var i = 0; i < count; i++)
        {
            ticks += (long)ReadVarint(bytes, ref position);
            var flags = (Field)bytes[position++];
            var noBase = 0L;
            var power = ReadValue(bytes, ref position, flags, Field.Power, Field.PowerRaw, ref noBase);
            var import = ReadValue(bytes, ref position, flags, Field.ImportRegister, Field.ImportRegisterRaw, ref lastImport);
            var export = ReadValue(bytes, ref position, flags, Field.ExportRegister, Field.ExportRegisterRaw, ref lastExport);
            var fingerprint = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));
            position += 4;
            readings.Add(new RecentReading(new DateTimeOffset(ticks, TimeSpan.Zero), power, import, export, fingerprint));
        }
    }

    /// <summary>Writes a value; <paramref name="last"/> is the previous value in thousandths that it is a change from.</summary>
    private static Field WriteValue(Span<byte> buffer, ref int position, double? value, Field present, Field raw, ref long last)
    {
        if (value is not { } v)
        {
            return Field.None;
        }

        var scaled = Math.Round(v * Scale);
        if (Math.Abs(scaled) < MaxScaled && scaled / Scale == v)
        {
            var k = (long)scaled;
            var change = k - last;
            last = k;
            WriteVarint(buffer, ref position, (ulong)((change << 1) ^ (change >> 63)));
            return present;
        }

        BinaryPrimitives.WriteDoubleLittleEndian(buffer[position..], v);
        position += 8;
        return present | raw;
    }

    private static double? ReadValue(byte[] bytes, ref int position, Field flags, Field present, Field raw, ref long last)
    {
        if (!flags.HasFlag(present))
        {
            return null;
        }

        if (flags.HasFlag(raw))
        {
            var v = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(position, 8));
            position += 8;
            return v;
        }

        var zigzag = ReadVarint(bytes, ref position);
        var k = last + ((long)(zigzag >> 1) ^ -(long)(zigzag & 1));
        last = k;
        return k / Scale;
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
