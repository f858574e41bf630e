using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeterGrains.Gateway.Tests.TestSupport;

internal static class TestCertificates
{
    /// <summary>A self-signed server certificate for <paramref name="host"/>, valid for a day, with its private key.</summary>
    public static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
