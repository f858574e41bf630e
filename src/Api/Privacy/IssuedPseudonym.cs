namespace MeterGrains.Api.Privacy;

/// <summary>A pseudonym and the meter or household id it stands for.</summary>
public sealed record IssuedPseudonym(string Pseudonym, string Id);
