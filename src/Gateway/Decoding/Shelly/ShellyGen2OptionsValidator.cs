using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>Validates <see cref="ShellyGen2Options"/>; every failure names its configuration key.</summary>
internal sealed class ShellyGen2OptionsValidator : IValidateOptions<ShellyGen2Options>
{
    public ValidateOptionsResult Validate(string? name, ShellyGen2Options options) =>
        options.MaxTrackedDevices is < 1 or > 10_000_000
            ? ValidateOptionsResult.Fail(
                $"{ShellyGen2Options.SectionName}:MaxTrackedDevices must be between 1 and 10000000 (was {options.MaxTrackedDevices}).")
            : ValidateOptionsResult.Success;
}
