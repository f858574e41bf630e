using System.Globalization;
using MeterGrains.Households;

namespace MeterGrains.Api.Cohorts;

/// <summary>Which households a cohort holds: a household type and an occupant count, each optional.</summary>
public sealed record CohortFilter(string? Type, int? Occupants)
{
    /// <summary>The filter of the query parameters <c>type</c> and <c>occupants</c> (empty: any), or null with the reason.</summary>
    public static CohortFilter? Parse(string? type, string? occupants, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrEmpty(type) && !HouseholdRules.Types.Contains(type))
        {
            problem = $"type must be one of {string.Join(", ", HouseholdRules.Types)} (is '{type}')";
            return null;
        }

        int? occupantCount = null;
        if (!string.IsNullOrEmpty(occupants))
        {
            if (!int.TryParse(occupants, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                problem = $"occupants must be a whole number of at least 1 (is '{occupants}')";
                return null;
            }

            occupantCount = count;
        }

        return new CohortFilter(string.IsNullOrEmpty(type) ? null : type, occupantCount);
    }
}
