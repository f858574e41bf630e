using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Ingest;

/// <summary>Validates <see cref="IngestOptions"/>; every failure names its configuration key.</summary>
internal sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        const string Section = IngestOptions.SectionName;

        if (options.LaneCount is < 0 or > 1024)
        {
            failures.Add($"{Section}:LaneCount must be between 0 (processor count x 2) and 1024 (was {options.LaneCount}).");
        }

        if (options.LaneCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:LaneCapacity must be between 1 and 1000000 (was {options.LaneCapacity}).");
        }

        if (options.MaxDrainCount is < 1 or > 100_000)
        {
            failures.Add($"{Section}:MaxDrainCount must be between 1 and 100000 (was {options.MaxDrainCount}).");
        }

        if (options.MaxDeliveryAttempts is < 1 or > 100)
        {
            failures.Add($"{Section}:MaxDeliveryAttempts must be between 1 and 100 (was {options.MaxDeliveryAttempts}).");
        }

        if (options.UnreachableRetryTimeout < TimeSpan.Zero || options.UnreachableRetryTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:UnreachableRetryTimeout must be between 00:00:00 and 01:00:00 (was {options.UnreachableRetryTimeout}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:RetryBaseDelay must be between 00:00:00 and 00:01:00 (was {options.RetryBaseDelay}).");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:RetryMaxDelay must be at least {Section}:RetryBaseDelay and at most 00:05:00 (was {options.RetryMaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
