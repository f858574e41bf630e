using System.Security.Cryptography;
using System.Text;
using MeterGrains.Households;
using MeterGrains.Privacy;
using Microsoft.Extensions.Options;

namespace MeterGrains.Grains.Tests.Households;

public sealed class PersonalDataProtectorTests
{
    private static readonly PersonalData Alice = new("Alice Martin", "Rue de la Loi 16, Brussels", "alice@example.org");
    private readonly PersonalDataProtector _protector = new(Options.Create(new PersonalDataOptions
    {
        PersonalDataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    }));

    [Fact]
    public void Personal_data_round_trips_and_the_ciphertext_does_not_contain_it()
    {
        var sealedBox = _protector.Protect("h1", Alice);
        Assert.NotNull(sealedBox);
        Assert.DoesNotContain("alice", Encoding.UTF8.GetString(sealedBox), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Alice, _protector.Unprotect("h1", sealedBox));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_household_does_not_decrypt()
    {
        var sealedBox = _protector.Protect("h1", Alice);
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("h2", sealedBox));
    }

    [Fact]
    public void A_tampered_ciphertext_does_not_decrypt()
    {
        var sealedBox = _protector.Protect("h1", Alice)!;
        sealedBox[20] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("h1", sealedBox));
    }

    [Fact]
    public void No_personal_data_stores_nothing()
    {
        Assert.Null(_protector.Protect("h1", PersonalData.None));
        Assert.Equal(PersonalData.None, _protector.Unprotect("h1", null));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("AAAA", "32 bytes")]
    public void A_bad_key_is_refused_naming_the_setting(string? key, string reason)
    {
        var result = new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions { PersonalDataKey = key });
        Assert.True(result.Failed);
        Assert.Contains("Privacy:PersonalDataKey", result.FailureMessage);
        Assert.Contains(reason, result.FailureMessage);
    }
}
