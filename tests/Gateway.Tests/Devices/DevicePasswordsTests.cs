using System.Text;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Devices;

public sealed class DevicePasswordsTests
{
    [Fact]
    public void A_hash_verifies_its_own_password_and_nothing_else()
    {
        var password = DevicePasswords.Generate();
        var stored = DevicePasswords.Hash(Encoding.UTF8.GetBytes(password));

        Assert.True(DevicePasswords.Verify(Encoding.UTF8.GetBytes(password), stored));
        Assert.False(DevicePasswords.Verify(Encoding.UTF8.GetBytes(password + "x"), stored));
        Assert.False(DevicePasswords.Verify(Encoding.UTF8.GetBytes(password[..^1]), stored));
        Assert.False(DevicePasswords.Verify([], stored));
        Assert.Equal(DevicePasswords.Iterations, stored.Iterations);
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_because_of_the_salt()
    {
        var password = Encoding.UTF8.GetBytes("same password");
        var first = DevicePasswords.Hash(password, iterations: 1000);
        var second = DevicePasswords.Hash(password, iterations: 1000);

        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(16, first.Salt.Length);
        Assert.Equal(32, first.Hash.Length);
    }

    [Fact]
    public void Verification_is_pbkdf2_hmac_sha256_with_the_stored_salt_and_iterations()
    {
        // RFC 7914 section 11, PBKDF2-HMAC-SHA256 test vector: P = "passwd", S = "salt", c = 1, dkLen = 64.
        var rfcVector = Convert.FromHexString(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc" +
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        var stored = new PasswordHash(Encoding.UTF8.GetBytes("salt"), rfcVector, Iterations: 1);

        Assert.True(DevicePasswords.Verify(Encoding.UTF8.GetBytes("passwd"), stored));
        Assert.False(DevicePasswords.Verify(Encoding.UTF8.GetBytes("passwd"), stored with { Iterations = 2 }));
    }

    [Fact]
    public void Generated_passwords_are_256_random_bits_in_base64url()
    {
        var a = DevicePasswords.Generate();
        var b = DevicePasswords.Generate();

        // 32 bytes = 256 bits; base64 without padding: ceil(256 / 6) = 43 characters.
        Assert.Equal(43, a.Length);
        Assert.NotEqual(a, b);
        Assert.All(a, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not base64url"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(20_000_000)]
    public void A_stored_iteration_count_out_of_range_never_verifies(int iterations)
    {
        var stored = DevicePasswords.Hash("pw"u8, iterations: 1) with { Iterations = iterations };
        Assert.False(DevicePasswords.Verify("pw"u8, stored));
    }
}
