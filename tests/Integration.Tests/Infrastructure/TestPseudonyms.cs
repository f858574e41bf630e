using System.Security.Cryptography;
using System.Text;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// The pseudonyms a test silo shows processing apps, computed here from the formula of domain.md (HMAC-SHA256 of the id
/// with <see cref="SiloProcess.TestPseudonymSecret"/>, first 16 bytes, lowercase hex) rather than by the code under test.
/// </summary>
internal static class TestPseudonyms
{
    public static string Of(string id)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SiloProcess.TestPseudonymSecret), Encoding.UTF8.GetBytes(id));
        return Convert.ToHexString(mac, 0, 16).ToLowerInvariant();
    }
}
