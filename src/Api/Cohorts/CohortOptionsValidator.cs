using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Cohorts;

public sealed class CohortOptionsValidator : IValidateOptions<CohortOptions>
{
    public ValidateOptionsResult Validate(string? name, CohortOptions options) =>
        options.MinHouseholds is < 2 or > 1_000_000
            ? ValidateOptionsResult.Fail($"Cohorts:MinHouseholds must be from 2 to 1000000 (is {options.MinHouseholds}); a cohort of one household is that household.")
            : ValidateOptionsResult.Success;
}
