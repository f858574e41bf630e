using Microsoft.Extensions.Options;

namespace MeterGrains.Privacy;

/// <summary>The key that encrypts households' personal fields at rest (configuration section <c>Privacy</c>).</summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "Privacy";

    /// <summary>AES-256 key, base64 of 32 bytes (<c>Privacy:PersonalDataKey</c>). ./run.sh generates one for a local run.</summary>
    public string? PersonalDataKey { get; set; }

    internal byte[] KeyBytes() => Convert.FromBase64String(PersonalDataKey!);
}

/// <summary>Refuses a missing or malformed key at start-up, naming the key.</summary>
public sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PersonalDataKey))
        {
            return ValidateOptionsResult.Fail("Privacy:PersonalDataKey is not set: give a base64 AES-256 key (32 bytes), e.g. from `openssl rand -base64 32`.");
        }

        try
        {
            return Convert.FromBase64String(options.PersonalDataKey).Length == 32
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Privacy:PersonalDataKey must be 32 bytes (AES-256) in base64.");
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail("Privacy:PersonalDataKey is not valid base64.");
        }
    }
}
