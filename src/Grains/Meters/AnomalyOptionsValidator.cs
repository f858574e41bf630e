using Microsoft.Extensions.Options;

namespace MeterGrains.Meters;

/// <summary>Refuses anomaly thresholds that cannot work, naming the key.</summary>
public sealed class AnomalyOptionsValidator : IValidateOptions<AnomalyOptions>
{
    /// <summary>The profile counts observed seconds in 16 bits.</summary>
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(ushort.MaxValue);

    public ValidateOptionsResult Validate(string? name, AnomalyOptions options)
    {
        var failures = new List<string>();
        if (!double.IsFinite(options.SpikeScore) || options.SpikeScore <= 0)
        {
            failures.Add("Anomalies:SpikeScore must be a positive number of standard deviations.");
        }

        if (!double.IsFinite(options.SpikeFloorW) || options.SpikeFloorW < 0)
        {
            failures.Add("Anomalies:SpikeFloorW must be a number of watts, 0 or more.");
        }

        if (options.ProfileMemory <= TimeSpan.Zero)
        {
            failures.Add("Anomalies:ProfileMemory must be positive.");
        }

        if (options.ProfileWarmUp < TimeSpan.Zero || options.ProfileWarmUp > MaxWarmUp)
        {
            failures.Add($"Anomalies:ProfileWarmUp must be between 0 and {MaxWarmUp} (the profile counts seconds in 16 bits).");
        }

        if (!double.IsFinite(options.RegisterStalledAfterWh) || options.RegisterStalledAfterWh <= 0)
        {
            failures.Add("Anomalies:RegisterStalledAfterWh must be a positive number of Wh.");
        }

        if (!double.IsFinite(options.DeadPhaseVoltageV) || options.DeadPhaseVoltageV <= 0)
        {
            failures.Add("Anomalies:DeadPhaseVoltageV must be a positive number of volts.");
        }

        if (options.PhaseDeadAfter < TimeSpan.Zero)
        {
            failures.Add("Anomalies:PhaseDeadAfter must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
