using System.Security.Claims;
using System.Text;
using MeterGrains.Analytics;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Privacy;

namespace MeterGrains.Api.Analytics;

/// <summary>
/// Takes in processing results, the same for REST and gRPC: checks them, maps the subject back to its id, stores them
/// (which pushes each to the dashboards of its subject) and shows the stored result to the caller.
/// </summary>
public sealed class AnalyticsPublisher(IGrainFactory grains, AnalyticsSubjects subjects, Pseudonyms pseudonyms)
{
    public async Task<AnalyticsPublication> PublishAsync(ClaimsPrincipal caller, AnalyticsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (AnalyticsRules.Explain(input.Kind, input.Subject, input.From, input.To, input.Severity) is { } problem)
        {
            return AnalyticsPublication.Refused(AnalyticsRefusal.Invalid, problem);
        }

        if (input.PayloadJson is null)
        {
            return AnalyticsPublication.Refused(AnalyticsRefusal.Invalid, "payload is required: the result as JSON");
        }

        if (Encoding.UTF8.GetByteCount(input.PayloadJson) > AnalyticsRules.MaxPayloadBytes)
        {
            return AnalyticsPublication.Refused(AnalyticsRefusal.TooLarge, $"payload exceeds the limit of {AnalyticsRules.MaxPayloadBytes} bytes");
        }

        if (await subjects.ResolveAsync(caller, input.Subject!, cancellationToken) is not { } subject)
        {
            var how = caller.IsProcessor() ? "a pseudonym issued to processing apps" : "a meter that sent readings or a defined household";
            return AnalyticsPublication.Refused(AnalyticsRefusal.UnknownSubject, $"subject '{input.Subject}' is not {how}");
        }

        var submission = new AnalyticsSubmission(
            input.Kind!, subject, input.From!.Value, input.To!.Value, input.PayloadJson, input.Severity ?? AnalyticsRules.DefaultSeverity,
            caller.FindFirstValue(ApiClaims.Name) is { Length: > 0 } name ? name : "unnamed");
        var stored = await grains.GetGrain<IAnalyticsResultsGrain>(0).AddAsync(submission);
        return AnalyticsPublication.Stored(await ShowAsync(caller, stored, cancellationToken));
    }

    /// <summary>A stored result as <paramref name="caller"/> may see it: a processing app is shown its subject's pseudonym.</summary>
    public async Task<AnalyticsResultResponse> ShowAsync(ClaimsPrincipal caller, AnalyticsResult result, CancellationToken cancellationToken) =>
        AnalyticsResultResponse.Create(result, await pseudonyms.ShownToAsync(caller, result.Subject.Id, cancellationToken));
}
