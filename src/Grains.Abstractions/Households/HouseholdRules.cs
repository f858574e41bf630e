namespace MeterGrains.Households;

/// <summary>The household rules of domain.md, checked wherever a definition comes in.</summary>
public static class HouseholdRules
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "apartment", "house", "commercial", "other" };

    /// <summary>The reason a definition is refused, or null when it is valid.</summary>
    public static string? Explain(HouseholdDefinition definition)
    {
        if (!Types.Contains(definition.Type))
        {
            return $"type must be one of {string.Join(", ", Types)} (is '{definition.Type}')";
        }

        if (definition.Occupants < 1)
        {
            return $"occupants must be at least 1 (is {definition.Occupants})";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone, out _))
        {
            return $"timeZone '{definition.TimeZone}' is not a known IANA time zone";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var meter in definition.Meters)
        {
            if (Meters.MeterIds.Explain(meter.MeterId) is { } problem)
            {
                return $"meters: {problem}";
            }

            if (!seen.Add(meter.MeterId))
            {
                return $"meters: '{meter.MeterId}' is listed twice";
            }
        }

        return null;
    }
}
