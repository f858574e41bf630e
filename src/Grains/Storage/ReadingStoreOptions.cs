using Microsoft.Extensions.Options;

namespace MeterGrains.Storage;

/// <summary>How the PostgreSQL reading store batches appends (configuration section <c>Storage:Readings</c>).</summary>
public sealed class ReadingStoreOptions
{
    public const string SectionName = "Storage:Readings";

    /// <summary>A batch is written once it holds this many readings (<c>Storage:Readings:MaxBatchRows</c>). One call is never split.</summary>
    public int MaxBatchRows { get; set; } = 5_000;

    /// <summary>How long the writer waits for more calls after the first one of a batch (<c>Storage:Readings:MaxBatchDelay</c>). Zero writes whatever is queued at once.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Append calls queued before callers wait (back-pressure) (<c>Storage:Readings:QueueCapacity</c>).</summary>
    public int QueueCapacity { get; set; } = 10_000;
}

/// <summary>Refuses a reading store configuration that cannot work, naming the key.</summary>
public sealed class ReadingStoreOptionsValidator : IValidateOptions<ReadingStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadingStoreOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBatchRows < 1)
        {
            failures.Add("Storage:Readings:MaxBatchRows must be at least 1.");
        }

        if (options.MaxBatchDelay < TimeSpan.Zero || options.MaxBatchDelay > TimeSpan.FromSeconds(1))
        {
            failures.Add("Storage:Readings:MaxBatchDelay must be between 0 and 1 second.");
        }

        if (options.QueueCapacity < 1)
        {
            failures.Add("Storage:Readings:QueueCapacity must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
