namespace MeterGrains.Households;

/// <summary>
/// An alert threshold on a household's live power: exceeded once the power stays strictly above
/// <paramref name="Watts"/> for at least <paramref name="Sustain"/>.
/// </summary>
/// <param name="Watts">The limit, W (positive).</param>
/// <param name="Sustain">How long the power must stay above before the alert (zero: at once).</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.PowerThreshold")]
public sealed record PowerThreshold(
    [property: Id(0)] double Watts,
    [property: Id(1)] TimeSpan Sustain);
