namespace MeterGrains.Gateway.Decoding;

/// <summary>The meter id rule of domain.md: 1–64 characters of <c>[A-Za-z0-9._:-]</c>.</summary>
public static class MeterIds
{
    /// <summary>Longest valid meter id.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule in words, for rejection reasons.</summary>
    public const string RuleDescription = "1-64 characters of [A-Za-z0-9._:-]";

    /// <summary>True when <paramref name="meterId"/> follows the rule.</summary>
    public static bool IsValid(ReadOnlySpan<char> meterId)
    {
        if (meterId.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in meterId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
