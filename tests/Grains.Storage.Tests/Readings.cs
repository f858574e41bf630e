using MeterGrains.Meters;
using MeterGrains.Storage;

namespace MeterGrains.Grains.Storage.Tests;

internal static class Readings
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Readings every <paramref name="step"/> from <paramref name="start"/>, with import power 100 + index W.</summary>
    public static StoredReading[] Series(DateTimeOffset start, int count, TimeSpan step) =>
        Enumerable.Range(0, count)
            .Select(i => Power(start + (step * i), 100 + i))
            .ToArray();

    public static StoredReading Power(DateTimeOffset ts, double importPowerW, bool late = false) =>
        new(new MeterReading(ts, ImportPowerW: importPowerW), late, ReceivedAt);

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
