namespace MeterGrains.Api.Audit;

/// <summary>How the audit log buffers and writes (configuration section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Entries waiting for the database; beyond this they are logged and counted, not stored (<c>Audit:QueueCapacity</c>).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most entries written in one statement (<c>Audit:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Days an entry is kept (<c>Audit:RetentionDays</c>, default 365; 0 keeps entries for ever): entries hold client
    /// addresses, which are personal data, so they are not kept longer than an audit needs them.
    /// </summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often the API silos delete entries older than the retention (<c>Audit:RetentionSweepInterval</c>, default 1 hour).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
