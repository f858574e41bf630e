namespace MeterGrains.Analytics;

/// <summary>
/// Stores processing results and tells the dashboards watching their subject (a stateless worker: any silo answers,
/// close to the caller). Key: <c>0</c>.
/// </summary>
[Alias("MeterGrains.IAnalyticsResultsGrain")]
public interface IAnalyticsResultsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores the result, then pushes it as an alert (kind, subject, severity, message, ts = when stored) to the watchers
    /// of its meter and that meter's household, or of its household.
    /// </summary>
    [Alias("AddAsync")]
    Task<AnalyticsResult> AddAsync(AnalyticsSubmission submission);

    [Alias("GetAsync")]
    Task<IReadOnlyList<AnalyticsResult>> GetAsync(AnalyticsResultQuery query);
}
