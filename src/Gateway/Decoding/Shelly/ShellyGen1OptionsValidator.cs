using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>Validates <see cref="ShellyGen1Options"/>; every failure names its configuration key.</summary>
internal sealed class ShellyGen1OptionsValidator : IValidateOptions<ShellyGen1Options>
{
    internal static readonly TimeSpan MinAssemblyWindow = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan MaxAssemblyWindow = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, ShellyGen1Options options)
    {
        var failures = new List<string>();
        const string Section = ShellyGen1Options.SectionName;

        if (options.AssemblyWindow < MinAssemblyWindow || options.AssemblyWindow > MaxAssemblyWindow)
        {
            failures.Add($"{Section}:AssemblyWindow must be between {MinAssemblyWindow} and {MaxAssemblyWindow} (was {options.AssemblyWindow}).");
        }

        if (options.MaxOpenWindows is < 1 or > 10_000_000)
        {
            failures.Add($"{Section}:MaxOpenWindows must be between 1 and 10000000 (was {options.MaxOpenWindows}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
