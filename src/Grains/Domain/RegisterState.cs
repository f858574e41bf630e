namespace MeterGrains.Domain;

/// <summary>Converts a <see cref="RegisterTracker"/> to and from its persisted <see cref="RegisterSnapshot"/>.</summary>
internal static class RegisterState
{
    public static RegisterTracker Restore(RegisterSnapshot s) => new(s.FirstRawWh, s.LastRawWh, s.CorrectedWh, s.Resets);

    public static RegisterSnapshot Save(RegisterTracker t) => new()
    {
        FirstRawWh = t.FirstRawWh,
        LastRawWh = t.LastRawWh,
        CorrectedWh = t.CorrectedWh,
        Resets = t.Resets,
    };
}
