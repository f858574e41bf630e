using System.Buffers.Text;
using System.Security.Cryptography;

namespace MeterGrains.Gateway.Devices;

/// <summary>Generates device passwords and hashes and verifies them (PBKDF2-HMAC-SHA256, salted per device).</summary>
public static class DevicePasswords
{
    /// <summary>
    /// PBKDF2 iterations for new hashes. The passwords are 256 random bits, so the slow hash guards a leaked table rather
    /// than weak secrets; verified passwords are remembered per process (<see cref="DeviceAuthenticator"/>) so that a
    /// reconnect storm does not pay this once per device.
    /// </summary>
    public const int Iterations = 100_000;

    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Refuses stored counts that would make one verification a denial of service.
    private const int MaxIterations = 10_000_000;

    /// <summary>A new password: 32 random bytes as base64url (43 characters, safe in shells and config files).</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Hashes <paramref name="password"/> (its UTF-8 bytes as sent in the MQTT CONNECT) with a fresh salt.</summary>
    public static PasswordHash Hash(ReadOnlySpan<byte> password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes), iterations);
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from (constant-time compare).</summary>
    public static bool Verify(ReadOnlySpan<byte> password, PasswordHash stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Iterations is < 1 or > MaxIterations || stored.Hash.Length is < 16 or > 64 || stored.Salt.Length == 0)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[stored.Hash.Length];
        Rfc2898DeriveBytes.Pbkdf2(password, stored.Salt, actual, stored.Iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(actual, stored.Hash);
    }
}
