using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Privacy;

/// <summary>Refuses a missing or short pseudonym secret at start-up, naming the key.</summary>
public sealed class PseudonymOptionsValidator : IValidateOptions<PseudonymOptions>
{
    public ValidateOptionsResult Validate(string? name, PseudonymOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PseudonymSecret))
        {
            return ValidateOptionsResult.Fail(
                $"Privacy:PseudonymSecret is not set: give a secret of at least {PseudonymOptions.MinimumSecretLength} characters, e.g. from `openssl rand -base64 32`.");
        }

        return options.PseudonymSecret.Length < PseudonymOptions.MinimumSecretLength
            ? ValidateOptionsResult.Fail(
                $"Privacy:PseudonymSecret must be at least {PseudonymOptions.MinimumSecretLength} characters (is {options.PseudonymSecret.Length}).")
            : ValidateOptionsResult.Success;
    }
}
