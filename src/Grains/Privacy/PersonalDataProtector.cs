using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeterGrains.Households;
using Microsoft.Extensions.Options;

namespace MeterGrains.Privacy;

/// <summary>
/// Encrypts a household's personal fields with AES-256-GCM. The household id is the associated data,
/// so a ciphertext copied to another household does not decrypt.
/// </summary>
public sealed class PersonalDataProtector(IOptions<PersonalDataOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = options.Value.KeyBytes();

    public byte[]? Protect(string householdId, PersonalData data)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        var plain = JsonSerializer.SerializeToUtf8Bytes(data);
        var sealedBox = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBox.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBox.AsSpan(NonceSize, plain.Length), sealedBox.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(householdId));
        return sealedBox;
    }

    public PersonalData Unprotect(string householdId, byte[]? sealedBox)
    {
        if (sealedBox is null)
        {
            return PersonalData.None;
        }

        var length = sealedBox.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBox.AsSpan(0, NonceSize), sealedBox.AsSpan(NonceSize, length), sealedBox.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(householdId));
        return JsonSerializer.Deserialize<PersonalData>(plain) ?? PersonalData.None;
    }
}
