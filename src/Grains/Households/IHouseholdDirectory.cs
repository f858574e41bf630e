namespace MeterGrains.Households;

/// <summary>
/// The SQL copy of what cohorts need of each household (type, occupants, time zone, grid and production meters), kept
/// by the household grain so that cohort figures are computed in the database.
/// </summary>
public interface IHouseholdDirectory
{
    /// <summary>Creates or replaces the entry of <paramref name="householdId"/>; storing the same entry twice is harmless.</summary>
    ValueTask UpsertAsync(string householdId, HouseholdDefinition definition, CancellationToken ct);
}
