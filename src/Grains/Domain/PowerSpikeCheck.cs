using MeterGrains.Alerts;

namespace MeterGrains.Domain;

/// <summary>
/// A reading far outside the meter's own profile for its hour: more than <see cref="AnomalyRules.SpikeScore"/> standard
/// deviations and at least <see cref="AnomalyRules.SpikeFloorW"/> from the hour's mean, once the hour has observed
/// <see cref="AnomalyRules.ProfileWarmUp"/>. One alert per episode: the next needs a reading back inside the profile
/// first. The reading is judged against the profile before it, then added to it, so a lasting change becomes normal.
/// </summary>
public static class PowerSpikeCheck
{
    /// <summary>
    /// Judges one net power reading and adds it to its hour's profile, weighted by <paramref name="heldFor"/>: how long the
    /// previous power reading held (null when there was none, or a gap).
    /// </summary>
    public static Alert? Observe(
        string meterId, MeterAnomalyState state, AnomalyRules rules, DateTimeOffset at, double netPowerW, TimeSpan? heldFor)
    {
        if (!PowerProfile.IsValid(state.PowerProfile))
        {
            state.PowerProfile = PowerProfile.Create();
        }

        var packed = state.PowerProfile!;
        var hour = at.UtcDateTime.Hour;
        var profile = PowerProfile.Read(packed, hour);
        Alert? alert = null;
        if (IsSpike(profile, netPowerW, rules))
        {
            if (!state.Flags.HasFlag(AnomalyFlags.InSpike))
            {
                state.Flags |= AnomalyFlags.InSpike;
                alert = new Alert(
                    AlertKinds.PowerSpike, meterId, AlertSeverities.Warning,
                    $"Meter {meterId} measured a net power of {AlertText.Number(netPowerW, "0")} W at {AlertText.Utc(at)}, far outside its "
                    + $"usual {AlertText.Number(profile.MeanW, "0")} ± {AlertText.Number(profile.StandardDeviationW, "0")} W "
                    + $"for {hour:00}:00–{(hour + 1) % 24:00}:00 UTC.",
                    at);
            }
        }
        else
        {
            state.Flags &= ~AnomalyFlags.InSpike;
        }

        PowerProfile.Add(packed, hour, netPowerW, heldFor ?? TimeSpan.Zero, rules.ProfileMemory);
        return alert;
    }

    private static bool IsSpike(HourProfile profile, double netPowerW, AnomalyRules rules)
    {
        if (profile.IsEmpty || profile.ObservedSeconds < rules.ProfileWarmUp.TotalSeconds)
        {
            return false;
        }

        var deviation = Math.Abs(netPowerW - profile.MeanW);
        return deviation >= rules.SpikeFloorW && deviation > rules.SpikeScore * profile.StandardDeviationW;
    }
}
