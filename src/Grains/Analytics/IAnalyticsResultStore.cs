namespace MeterGrains.Analytics;

/// <summary>Durable record of processing results.</summary>
public interface IAnalyticsResultStore
{
    /// <summary>Stores a result received at <paramref name="receivedAt"/> and returns it with its id.</summary>
    ValueTask<AnalyticsResult> AppendAsync(AnalyticsSubmission submission, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>The results matching <paramref name="query"/>, ordered by the start of their period.</summary>
    ValueTask<IReadOnlyList<AnalyticsResult>> ReadAsync(AnalyticsResultQuery query, CancellationToken cancellationToken);
}
