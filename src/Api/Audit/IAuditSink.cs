namespace MeterGrains.Api.Audit;

/// <summary>Takes audit entries without waiting for storage: the request path never pays a database round trip.</summary>
public interface IAuditSink
{
    void Record(AuditEntry entry);
}
