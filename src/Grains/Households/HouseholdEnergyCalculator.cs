using MeterGrains.Meters;

namespace MeterGrains.Households;

/// <summary>
/// Combines the energy buckets of a household's meters (domain.md): import and export from its <c>grid</c> meters,
/// production from its <c>production</c> meters as import plus export (the energy counterpart of the live flow's
/// |net power|, so the direction a clamp faces does not matter), <c>consumption = import − export + production</c>,
/// and <c>selfSufficiency = 1 − import / consumption</c>. <c>consumption</c> meters (sub-circuits) are part of that
/// consumption already and do not contribute.
/// </summary>
public static class HouseholdEnergyCalculator
{
    /// <summary>
    /// One household bucket per span, oldest first. A bucket is complete only when the household has a grid meter and
    /// every grid and production meter has a complete bucket with the same span.
    /// </summary>
    public static IReadOnlyList<HouseholdEnergyBucket> Combine(
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans,
        IEnumerable<(MeterRole Role, IReadOnlyList<MeterEnergyBucket> Buckets)> meters)
    {
        var contributing = meters
            .Where(m => m.Role is MeterRole.Grid or MeterRole.Production)
            .Select(m => (m.Role, ByStart: m.Buckets.ToDictionary(b => b.Start)))
            .ToList();
        var hasGrid = contributing.Any(m => m.Role == MeterRole.Grid);

        var result = new List<HouseholdEnergyBucket>();
        foreach (var (start, end) in spans)
        {
            double import = 0, export = 0, production = 0;
            var complete = hasGrid;
            foreach (var (role, byStart) in contributing)
            {
                if (!byStart.TryGetValue(start, out var bucket) || bucket.End != end)
                {
                    complete = false;
                    continue;
                }

                complete &= bucket.Complete;
                if (role == MeterRole.Grid)
                {
                    import += bucket.ImportWh;
                    export += bucket.ExportWh;
                }
                else
                {
                    production += bucket.ImportWh + bucket.ExportWh;
                }
            }

            var consumption = import - export + production;
            double? selfSufficiency = consumption > 0 ? 1 - (import / consumption) : null;
            result.Add(new HouseholdEnergyBucket(start, end, import, export, production, consumption, selfSufficiency, complete));
        }

        return result;
    }
}
