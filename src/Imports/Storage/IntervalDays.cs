using MeterGrains.Imports.Csv;

namespace MeterGrains.Imports.Storage;

/// <summary>
/// Interval energy rows grouped as <c>interval_energy_days</c> holds them (migration 0018): one entry per (sub-)meter and
/// UTC day, in (meter id ordinal, day) order, with its intervals' starts as microseconds after the day's start, ascending,
/// and their energy. An interval given twice keeps its first copy, as a stored interval does.
/// </summary>
/// <param name="MeterIds">Each entry's meter id.</param>
/// <param name="DayStarts">Each entry's UTC day start.</param>
/// <param name="Offsets">Every entry's offsets, concatenated.</param>
/// <param name="Bounds">Entry i owns elements <c>Bounds[i]</c> to <c>Bounds[i + 1] - 1</c> of the offsets and energy.</param>
/// <param name="EnergyWh">Every entry's energy, concatenated, in the offsets' order.</param>
internal sealed record IntervalDays(string[] MeterIds, DateTime[] DayStarts, long[] Offsets, int[] Bounds, double[] EnergyWh)
{
    private const long MicrosecondsPerDay = TimeSpan.TicksPerDay / TimeSpan.TicksPerMicrosecond;

    public static IntervalDays Group(IReadOnlyList<EnergyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // PostgreSQL keeps microseconds: truncate as the wire format would. The row's index breaks ties, so the first copy
        // of an interval sorts first.
        var order = new (string Meter, long Microseconds, int Index)[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            order[i] = (rows[i].MeterId, rows[i].Start.UtcTicks / TimeSpan.TicksPerMicrosecond, i);
        }

        Array.Sort(order, static (a, b) =>
        {
            var byMeter = string.CompareOrdinal(a.Meter, b.Meter);
            return byMeter != 0 ? byMeter : a.Microseconds != b.Microseconds ? a.Microseconds.CompareTo(b.Microseconds) : a.Index.CompareTo(b.Index);
        });

        var meterIds = new List<string>();
        var dayStarts = new List<DateTime>();
        var bounds = new List<int> { 0 };
        var offsets = new List<long>(order.Length);
        var energy = new List<double>(order.Length);
        string? lastMeter = null;
        var lastDay = -1L;
        var lastMicroseconds = -1L;
        foreach (var (meter, microseconds, index) in order)
        {
            var sameMeter = lastMeter is not null && string.Equals(meter, lastMeter, StringComparison.Ordinal);
            if (sameMeter && microseconds == lastMicroseconds)
            {
                continue;
            }

            var day = microseconds - (microseconds % MicrosecondsPerDay);
            if (!sameMeter || day != lastDay)
            {
                if (lastMeter is not null)
                {
                    bounds.Add(offsets.Count);
                }

                meterIds.Add(meter);
                dayStarts.Add(new DateTime(day * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc));
                lastMeter = meter;
                lastDay = day;
            }

            offsets.Add(microseconds - day);
            energy.Add(rows[index].EnergyWh);
            lastMicroseconds = microseconds;
        }

        if (lastMeter is not null)
        {
            bounds.Add(offsets.Count);
        }

        return new IntervalDays([.. meterIds], [.. dayStarts], [.. offsets], [.. bounds], [.. energy]);
    }
}
