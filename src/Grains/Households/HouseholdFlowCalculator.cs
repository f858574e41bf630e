using MeterGrains.Households;

namespace MeterGrains.Households;

/// <summary>
/// Computes a household's live flow from its meters' latest power (domain.md). A production meter's
/// output is the magnitude of its net power, so the result does not depend on which way its clamp faces.
/// </summary>
public static class HouseholdFlowCalculator
{
    public static HouseholdFlow Compute(IEnumerable<(MeterRole Role, MeterPower Power)> meters)
    {
        double gridImport = 0, gridExport = 0, production = 0;
        DateTimeOffset? updatedAt = null;
        foreach (var (role, power) in meters)
        {
            switch (role)
            {
                case MeterRole.Grid:
                    gridImport += power.ImportPowerW;
                    gridExport += power.ExportPowerW;
                    break;
                case MeterRole.Production:
                    production += Math.Abs(power.ImportPowerW - power.ExportPowerW);
                    break;
            }

            updatedAt = updatedAt is null || power.Timestamp > updatedAt ? power.Timestamp : updatedAt;
        }

        return new HouseholdFlow(gridImport, gridExport, production, gridImport - gridExport + production, updatedAt);
    }
}
