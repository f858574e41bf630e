using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// One real silo with MQTT authentication on (<c>Mqtt__RequireAuthentication=true</c>) and the TLS endpoint served with a
/// self-signed certificate made at test time (a PKCS#12 file with a password), on its own fresh database.
/// </summary>
public sealed class AuthenticatedSiloFixture : IAsyncLifetime
{
    private const string CertificatePassword = "test-pfx-password";
    private readonly string _directory = Directory.CreateTempSubdirectory("metergrains-tls-").FullName;
    private SiloProcess? _silo;

    internal string ConnectionString { get; private set; } = string.Empty;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    /// <summary>The broker's certificate, which TLS clients trust explicitly.</summary>
    internal X509Certificate2 Certificate { get; } = CreateSelfSigned("localhost");

    internal int TlsPort { get; } = FreePorts.Take(1)[0];

    public async Task InitializeAsync()
    {
        var pfx = Path.Combine(_directory, "mqtt-server.pfx");
        await File.WriteAllBytesAsync(pfx, Certificate.Export(X509ContentType.Pkcs12, CertificatePassword));

        ConnectionString = await TestDatabase.CreateAsync("devices");
        _silo = await SiloProcess.StartAsync(ConnectionString, $"devices-{Guid.NewGuid():N}", settings: new Dictionary<string, string>
        {
            ["Mqtt__RequireAuthentication"] = "true",
            ["Mqtt__TlsPort"] = TlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__Tls__CertificatePath"] = pfx,
            ["Mqtt__Tls__Password"] = CertificatePassword,
            ["Mqtt__Tls__BindAddress"] = "127.0.0.1",
        });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static X509Certificate2 CreateSelfSigned(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}

[CollectionDefinition(Name)]
public sealed class AuthenticatedSiloCollection : ICollectionFixture<AuthenticatedSiloFixture>
{
    public const string Name = "authenticated silo";
}
