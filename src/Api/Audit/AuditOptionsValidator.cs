using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Audit;

/// <summary>Refuses an audit configuration that cannot work, naming the key.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <summary>A hundred years: beyond it, 0 (for ever) is what was meant.</summary>
    public const int MaxRetentionDays = 36_500;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Audit:QueueCapacity must be from 1 to 1000000 (is {options.QueueCapacity}).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"Audit:BatchSize must be from 1 to 10000 (is {options.BatchSize}).");
        }

        if (options.RetentionDays is < 0 or > MaxRetentionDays)
        {
            failures.Add($"Audit:RetentionDays must be from 0 (keep for ever) to {MaxRetentionDays} (is {options.RetentionDays}).");
        }

        if (options.RetentionSweepInterval < TimeSpan.FromMinutes(1) || options.RetentionSweepInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"Audit:RetentionSweepInterval must be from 00:01:00 to 1.00:00:00 (is {options.RetentionSweepInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
