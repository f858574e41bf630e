using Microsoft.Extensions.Options;

namespace MeterGrains.Exports;

/// <summary>Refuses a retention that would drop days still being written, naming the key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <summary>The meters' late-data limit is 7 days by default; a shorter retention would drop days that still take readings.</summary>
    public const int MinimumDays = 7;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.RawReadingsDays == 0 || options.RawReadingsDays is >= MinimumDays and <= 36_500
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{RetentionOptions.SectionName}:RawReadingsDays must be 0 (keep forever) or between {MinimumDays} and 36500 (is {options.RawReadingsDays}).");
}
