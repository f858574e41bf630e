using MeterGrains.Retention;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Audit;

/// <summary>Refuses an audit configuration that cannot work, naming the key.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
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

        RetentionRule.Check(AuditOptions.SectionName, options.RetentionDays, options.RetentionSweepInterval, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
