namespace MeterGrains.Gateway.Devices;

/// <summary>A device password as stored: PBKDF2-HMAC-SHA256 of the password with a per-device salt.</summary>
/// <param name="Salt">Random bytes, unique per device and per rotation.</param>
/// <param name="Hash">The derived key.</param>
/// <param name="Iterations">PBKDF2 iterations used, so that the count can rise without invalidating stored hashes.</param>
public sealed record PasswordHash(byte[] Salt, byte[] Hash, int Iterations);
