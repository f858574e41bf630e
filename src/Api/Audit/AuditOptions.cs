namespace MeterGrains.Api.Audit;

/// <summary>How the audit log buffers and writes (configuration section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Entries waiting for the database; beyond this they are logged and counted, not stored (<c>Audit:QueueCapacity</c>).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most entries written in one statement (<c>Audit:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 500;
}
