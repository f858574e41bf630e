namespace MeterGrains.Domain;

/// <summary>How far back in reading time a meter must look for the readings stored after its snapshot.</summary>
public static class ReplayBound
{
    /// <summary>Room for clocks of different silos that disagree about "now".</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromHours(1);

    /// <summary>
    /// A reading stored after a snapshot saved at <paramref name="savedAt"/> was received after it, and a reading is
    /// refused when it is older than the late-data limit at receive time; so its ts is at least
    /// savedAt − late-data limit (less the skew allowance). Without a snapshot every stored reading counts.
    /// </summary>
    public static DateTimeOffset NotBefore(DateTimeOffset? savedAt, ReadingLimits limits) =>
        savedAt is { } saved ? saved - limits.LateDataLimit - ClockSkewAllowance : DateTimeOffset.UnixEpoch;
}
