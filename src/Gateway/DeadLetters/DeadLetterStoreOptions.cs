using MeterGrains.Retention;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.DeadLetters;

/// <summary>How the dead-letter store buffers and writes (configuration section <c>DeadLetters</c>).</summary>
public sealed class DeadLetterStoreOptions
{
    public const string SectionName = "DeadLetters";

    /// <summary>Dead letters waiting for the database; beyond this they are counted and logged, not stored (<c>DeadLetters:QueueCapacity</c>).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most dead letters written in one statement (<c>DeadLetters:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Raw payloads are cut to this many characters (<c>DeadLetters:MaxRawPayloadChars</c>).</summary>
    public int MaxRawPayloadChars { get; set; } = 4096;

    /// <summary>
    /// Days a dead letter is kept (<c>DeadLetters:RetentionDays</c>, default 30; 0 keeps them for ever): the API silos
    /// delete older ones, so a device that keeps sending bad payloads does not grow the table for ever.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the API silos delete dead letters older than the retention (<c>DeadLetters:RetentionSweepInterval</c>, default 1 hour).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Refuses a dead-letter configuration that cannot work, naming the key.</summary>
public sealed class DeadLetterStoreOptionsValidator : IValidateOptions<DeadLetterStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadLetterStoreOptions options)
    {
        var failures = new List<string>();
        if (options.QueueCapacity < 1)
        {
            failures.Add("DeadLetters:QueueCapacity must be at least 1.");
        }

        if (options.BatchSize < 1)
        {
            failures.Add("DeadLetters:BatchSize must be at least 1.");
        }

        if (options.MaxRawPayloadChars < 64)
        {
            failures.Add("DeadLetters:MaxRawPayloadChars must be at least 64.");
        }

        RetentionRule.Check(DeadLetterStoreOptions.SectionName, options.RetentionDays, options.RetentionSweepInterval, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
