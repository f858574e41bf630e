namespace MeterGrains.Analytics.Series;

/// <summary>
/// Gathers timestamped values of one channel into hours, in memory proportional to the number of hours, not of values,
/// so a long file of fine readings stays small.
/// </summary>
public sealed class HourlySeriesBuilder(HourAggregation aggregation)
{
    private readonly Dictionary<long, (double Sum, int Count)> _hours = [];

    public HourAggregation Aggregation { get; } = aggregation;

    /// <summary>Values added so far.</summary>
    public long Values { get; private set; }

    public void Add(DateTimeOffset at, double value)
    {
        var ticks = at.UtcTicks;
        var hour = ticks - (ticks % TimeSpan.TicksPerHour);
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_hours, hour, out _);
        slot = (slot.Sum + value, slot.Count + 1);
        Values++;
    }

    /// <summary>The hours that have a value, oldest first.</summary>
    public HourlyValue[] Build()
    {
        var result = new HourlyValue[_hours.Count];
        var i = 0;
        foreach (var (hour, (sum, count)) in _hours)
        {
            var value = Aggregation == HourAggregation.Sum ? sum : sum / count;
            result[i++] = new HourlyValue(new DateTimeOffset(hour, TimeSpan.Zero), value);
        }

        Array.Sort(result, static (a, b) => a.Start.CompareTo(b.Start));
        return result;
    }
}
