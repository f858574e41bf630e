using System.Buffers;

namespace MeterGrains.Meters;

/// <summary>The meter id rule of domain.md: 1–64 characters of <c>[A-Za-z0-9._:-]</c>.</summary>
public static class MeterIds
{
    public const int MaxLength = 64;

    /// <summary>The rule in words, for rejection reasons.</summary>
    public const string RuleDescription = "1-64 characters of [A-Za-z0-9._:-]";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static bool IsValid(ReadOnlySpan<char> meterId) =>
        meterId.Length is >= 1 and <= MaxLength && !meterId.ContainsAnyExcept(Allowed);

    /// <summary>The reason a meter id is refused, or null when it is valid.</summary>
    public static string? Explain(string? meterId) => Explain(meterId, "meterId");

    /// <summary>
    /// The reason an id that follows the meter id rule is refused, naming it <paramref name="name"/> (households share
    /// the rule: <c>HouseholdIds</c>), or null when it is valid.
    /// </summary>
    public static string? Explain(string? id, string name) => id switch
    {
        null or "" => $"{name} is empty",
        { Length: > MaxLength } => $"{name} is longer than {MaxLength} characters",
        _ when !IsValid(id) => $"{name} may contain only letters, digits and . _ : -",
        _ => null,
    };
}
