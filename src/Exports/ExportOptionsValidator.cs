using Microsoft.Extensions.Options;

namespace MeterGrains.Exports;

/// <summary>Refuses export settings that cannot work, naming the key.</summary>
public sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{ExportOptions.SectionName}:Directory must be set when {ExportOptions.SectionName}:Enabled is true.");
        }

        if (!string.IsNullOrWhiteSpace(options.Directory) && !Path.IsPathFullyQualified(options.Directory))
        {
            failures.Add($"{ExportOptions.SectionName}:Directory must be an absolute path (is '{options.Directory}').");
        }

        if (!ExportFormats.TryParse(options.Format, out _))
        {
            failures.Add($"{ExportOptions.SectionName}:Format must be {ExportFormats.Parquet} or {ExportFormats.Jsonl} (is '{options.Format}').");
        }

        if (options.TimeOfDay < TimeSpan.Zero || options.TimeOfDay >= TimeSpan.FromDays(1))
        {
            failures.Add($"{ExportOptions.SectionName}:TimeOfDay must be a time of day from 00:00:00 to 23:59:59 (is {options.TimeOfDay}).");
        }

        if (options.RowGroupRows is < 1_000 or > 10_000_000)
        {
            failures.Add($"{ExportOptions.SectionName}:RowGroupRows must be between 1000 and 10000000 (is {options.RowGroupRows}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
