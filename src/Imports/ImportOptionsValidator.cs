using Microsoft.Extensions.Options;

namespace MeterGrains.Imports;

/// <summary>Refuses limits that cannot work, naming the key.</summary>
public sealed class ImportOptionsValidator : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options)
    {
        var failures = new List<string>();
        if (options.MaxUploadBytes <= 0)
        {
            failures.Add($"{ImportOptions.SectionName}:MaxUploadBytes must be positive.");
        }

        if (options.MaxLineBytes is < 64 or > 1 << 20)
        {
            failures.Add($"{ImportOptions.SectionName}:MaxLineBytes must be between 64 and 1048576.");
        }

        if (options.MaxErrorsListed is < 0 or > 10_000)
        {
            failures.Add($"{ImportOptions.SectionName}:MaxErrorsListed must be between 0 and 10000.");
        }

        if (options.MaxAnomaliesListed is < 0 or > 10_000)
        {
            failures.Add($"{ImportOptions.SectionName}:MaxAnomaliesListed must be between 0 and 10000.");
        }

        if (options.MaxChannels is < 1 or > 100_000)
        {
            failures.Add($"{ImportOptions.SectionName}:MaxChannels must be between 1 and 100000.");
        }

        if (options.StoreBatchRows is < 1 or > 1_000_000)
        {
            failures.Add($"{ImportOptions.SectionName}:StoreBatchRows must be between 1 and 1000000.");
        }

        if (options.StoreConcurrency is < 1 or > 16)
        {
            failures.Add($"{ImportOptions.SectionName}:StoreConcurrency must be between 1 and 16.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
