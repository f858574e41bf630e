using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Commands;

/// <summary>Validates <see cref="CommandOptions"/>; every failure names its configuration key.</summary>
internal sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        var failures = new List<string>();
        if (options.ReplyTimeout < TimeSpan.FromSeconds(1) || options.ReplyTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{CommandOptions.SectionName}:ReplyTimeout must be between 00:00:01 and 1.00:00:00 (was {options.ReplyTimeout}).");
        }

        if (options.DeliveryTimeout < TimeSpan.FromSeconds(1) || options.DeliveryTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{CommandOptions.SectionName}:DeliveryTimeout must be between 00:00:01 and 1.00:00:00 (was {options.DeliveryTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
