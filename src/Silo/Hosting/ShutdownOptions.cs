using Microsoft.Extensions.Options;

namespace MeterGrains.Silo.Hosting;

/// <summary>How long a stopping silo may take (configuration section <c>Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>Shortest and longest <see cref="Timeout"/> accepted.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    /// <inheritdoc cref="MinimumTimeout"/>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The host's shutdown timeout (<c>Shutdown:Timeout</c>, default 30 s): after a stop signal the gateway flushes what it
    /// holds, the meters write their snapshots and the silo leaves the cluster within this time. A Kubernetes pod's
    /// <c>terminationGracePeriodSeconds</c> must be longer, or the kubelet kills the silo mid-way.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Refuses a shutdown timeout outside 1 s – 10 min, naming the key.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.Timeout < ShutdownOptions.MinimumTimeout || options.Timeout > ShutdownOptions.MaximumTimeout
            ? ValidateOptionsResult.Fail(
                $"{ShutdownOptions.SectionName}:Timeout must be between {ShutdownOptions.MinimumTimeout} and {ShutdownOptions.MaximumTimeout} (is {options.Timeout}).")
            : ValidateOptionsResult.Success;
}
