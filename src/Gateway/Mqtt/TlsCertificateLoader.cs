using System.Security.Cryptography.X509Certificates;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>Loads the TLS endpoint's certificate as <see cref="MqttTlsOptions"/> describe it.</summary>
internal static class TlsCertificateLoader
{
    public static X509Certificate2 Load(MqttTlsOptions tls)
    {
        var path = tls.CertificatePath ?? throw new ArgumentException($"{MqttTlsOptions.SectionName}:CertificatePath is not set.");
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }

        var keyPath = string.IsNullOrWhiteSpace(tls.KeyPath) ? null : tls.KeyPath;
        using var pem = string.IsNullOrEmpty(tls.Password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, tls.Password, keyPath);

        // A certificate made from PEM holds an ephemeral key that SslStream cannot use everywhere; a PKCS#12 round trip fixes that.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
