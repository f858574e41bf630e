namespace MeterGrains.Alerts;

/// <summary>Reads the stored alerts (a stateless worker: any silo answers, close to the caller). Key: <c>0</c>.</summary>
[Alias("MeterGrains.IAlertLogGrain")]
public interface IAlertLogGrain : IGrainWithIntegerKey
{
    [Alias("GetAsync")]
    Task<IReadOnlyList<Alert>> GetAsync(AlertQuery query);
}
