namespace MeterGrains.Retention;

/// <summary>
/// The bounds of a table's retention settings (<c>&lt;Section&gt;:RetentionDays</c> and
/// <c>&lt;Section&gt;:RetentionSweepInterval</c>), one rule for every table the API silos sweep (audit log, dead letters).
/// </summary>
public static class RetentionRule
{
    /// <summary>A hundred years: beyond it, 0 (for ever) is what was meant.</summary>
    public const int MaxDays = 36_500;

    /// <summary>Adds a failure naming the key for each setting of <paramref name="section"/> out of bounds.</summary>
    public static void Check(string section, int days, TimeSpan sweepInterval, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (days is < 0 or > MaxDays)
        {
            failures.Add($"{section}:RetentionDays must be from 0 (keep for ever) to {MaxDays} (is {days}).");
        }

        if (sweepInterval < TimeSpan.FromMinutes(1) || sweepInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:RetentionSweepInterval must be from 00:01:00 to 1.00:00:00 (is {sweepInterval}).");
        }
    }
}
