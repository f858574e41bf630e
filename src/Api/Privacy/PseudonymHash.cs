using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace MeterGrains.Api.Privacy;

/// <summary>The pseudonym of domain.md: <c>HMAC-SHA256(secret, id)</c>, its first 16 bytes in lowercase hex.</summary>
public static class PseudonymHash
{
    /// <summary>Bytes of the HMAC kept.</summary>
    public const int Bytes = 16;

    /// <summary>Characters of a pseudonym.</summary>
    public const int Length = Bytes * 2;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Compute(byte[] key, string id)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id), mac);
        return Convert.ToHexStringLower(mac[..Bytes]);
    }

    /// <summary>Whether <paramref name="text"/> has the form of a pseudonym (32 lowercase hex digits).</summary>
    public static bool HasForm(ReadOnlySpan<char> text) => text.Length == Length && !text.ContainsAnyExcept(LowerHex);
}
