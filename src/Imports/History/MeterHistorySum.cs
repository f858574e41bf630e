using MeterGrains.Analytics.Series;

namespace MeterGrains.Imports.History;

/// <summary>Sums the hourly histories of several meters, such as a household's grid meters into its grid connection.</summary>
public static class MeterHistorySum
{
    /// <summary>
    /// The hours every history has, each the sum of the meters' values, oldest first: an hour that one meter lacks is
    /// left out rather than summed without it, which would read as low energy. The quantity is
    /// <see cref="MeterHistory.EnergyWh"/> when every history is imported interval energy, else
    /// <see cref="MeterHistory.NetEnergyWh"/> (imported interval energy then counts as import; such files carry no export).
    /// </summary>
    public static MeterHistory Sum(IReadOnlyList<MeterHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentOutOfRangeException.ThrowIfZero(histories.Count);

        var sums = new Dictionary<DateTimeOffset, (double Sum, int Meters)>();
        foreach (var history in histories)
        {
            foreach (var hour in history.Hours)
            {
                sums.TryGetValue(hour.Start, out var sum);
                sums[hour.Start] = (sum.Sum + hour.Value, sum.Meters + 1);
            }
        }

        var hours = sums
            .Where(s => s.Value.Meters == histories.Count)
            .Select(s => new HourlyValue(s.Key, s.Value.Sum))
            .OrderBy(h => h.Start)
            .ToArray();
        var quantity = histories.All(h => h.Quantity == MeterHistory.EnergyWh) ? MeterHistory.EnergyWh : MeterHistory.NetEnergyWh;
        return new MeterHistory(quantity, hours);
    }
}
