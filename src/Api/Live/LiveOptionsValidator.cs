using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Live;

/// <summary>Refuses a live-push configuration that cannot work, naming the key.</summary>
public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        var failures = new List<string>();
        if (!(options.MaxUpdatesPerSecond is > 0 and <= 1000))
        {
            failures.Add($"Live:MaxUpdatesPerSecond must be more than 0 and at most 1000 (is {options.MaxUpdatesPerSecond}).");
        }

        // Grains grant leases of at most 15 minutes (LiveWatchers.MaxLease): renewing less often would let them lapse.
        if (options.WatchRenewal < TimeSpan.FromSeconds(1) || options.WatchRenewal > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Live:WatchRenewal must be between 00:00:01 and 00:05:00 (is {options.WatchRenewal}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
