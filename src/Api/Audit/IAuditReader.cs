namespace MeterGrains.Api.Audit;

/// <summary>Reads stored audit entries in <c>[from, to)</c>, oldest first.</summary>
public interface IAuditReader
{
    ValueTask<IReadOnlyList<StoredAuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}
