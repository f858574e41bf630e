using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;
using Orleans.Concurrency;

namespace MeterGrains.Analytics;

/// <summary>Stores processing results and hands each to its subject's grain for the dashboards; holds no state.</summary>
[StatelessWorker]
public sealed class AnalyticsResultsGrain(IAnalyticsResultStore store, TimeProvider clock) : Grain, IAnalyticsResultsGrain
{
    public async Task<AnalyticsResult> AddAsync(AnalyticsSubmission submission)
    {
        // Truncated to what PostgreSQL keeps, so the answer and a later query agree.
        var now = clock.GetUtcNow();
        var receivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var result = await store.AppendAsync(submission, receivedAt, CancellationToken.None);

        // One-way: the result is stored whether or not a dashboard hears of it.
        var alert = AnalyticsAlerts.From(result);
        if (result.Subject.Kind == LiveTopicKind.Meter)
        {
            GrainFactory.GetGrain<IMeterGrain>(result.Subject.Id).ReportAlertAsync(alert).Ignore();
        }
        else
        {
            GrainFactory.GetGrain<IHouseholdGrain>(result.Subject.Id).ReportAlertAsync(alert).Ignore();
        }

        return result;
    }

    public async Task<IReadOnlyList<AnalyticsResult>> GetAsync(AnalyticsResultQuery query) => await store.ReadAsync(query, CancellationToken.None);
}
