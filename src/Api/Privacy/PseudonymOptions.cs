using System.Text;

namespace MeterGrains.Api.Privacy;

/// <summary>The secret of the pseudonyms processing apps see (configuration section <c>Privacy</c>).</summary>
public sealed class PseudonymOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The shortest secret accepted: a short one could be found by trying ids.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The HMAC key of pseudonyms, at least <see cref="MinimumSecretLength"/> characters; its UTF-8 bytes are the key
    /// (<c>Privacy:PseudonymSecret</c>). ./run.sh generates one in <c>.data/</c>. Changing it gives every meter and
    /// household a new pseudonym, and the old ones stop resolving.
    /// </summary>
    public string? PseudonymSecret { get; set; }

    internal byte[] KeyBytes() => Encoding.UTF8.GetBytes(PseudonymSecret!);
}
