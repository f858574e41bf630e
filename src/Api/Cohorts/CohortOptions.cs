namespace MeterGrains.Api.Cohorts;

/// <summary>Cohort figures (section <c>Cohorts</c>).</summary>
public sealed class CohortOptions
{
    public const string SectionName = "Cohorts";

    /// <summary>
    /// k: a bucket of fewer households than this is suppressed (no figures, no count), so that no household's
    /// consumption can be told from a cohort (domain.md). At least 2; default 5.
    /// </summary>
    public int MinHouseholds { get; set; } = 5;
}
