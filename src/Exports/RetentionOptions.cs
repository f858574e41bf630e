namespace MeterGrains.Exports;

/// <summary>How long raw readings stay in PostgreSQL, bound from the <c>Retention</c> configuration section.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Days of raw readings kept (<c>Retention:RawReadingsDays</c>): the daily partition of day D is dropped from
    /// D + 1 + this many days on, and only once both kinds of day D are exported with the partition's row count.
    /// Default 0: kept forever.
    /// </summary>
    public int RawReadingsDays { get; set; }
}
