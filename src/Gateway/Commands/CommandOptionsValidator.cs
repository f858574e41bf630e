using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Commands;

/// <summary>Validates <see cref="CommandOptions"/>; every failure names its configuration key.</summary>
internal sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options) =>
        options.ReplyTimeout < TimeSpan.FromSeconds(1) || options.ReplyTimeout > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{CommandOptions.SectionName}:ReplyTimeout must be between 00:00:01 and 1.00:00:00 (was {options.ReplyTimeout}).")
            : ValidateOptionsResult.Success;
}
