using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Limits;

/// <summary>Refuses body limits that cannot work, naming the key.</summary>
public sealed class RequestBodyLimitOptionsValidator : IValidateOptions<RequestBodyLimitOptions>
{
    /// <summary>Kestrel's own ceiling is 30 MB; nothing in this API needs more than a few.</summary>
    public const long MaxConfigurableBytes = 64L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, RequestBodyLimitOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > MaxConfigurableBytes)
        {
            failures.Add($"RequestLimits:MaxBodyBytes must be from 1024 to {MaxConfigurableBytes} (is {options.MaxBodyBytes}).");
        }

        if (options.MaxGrpcMessageBytes is < 1024 or > (int)MaxConfigurableBytes)
        {
            failures.Add($"RequestLimits:MaxGrpcMessageBytes must be from 1024 to {MaxConfigurableBytes} (is {options.MaxGrpcMessageBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
