using System.Net;
using System.Security.Cryptography.X509Certificates;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>The city CA and the broker certificates it signs: what a device's TLS check will hold them to.</summary>
public sealed class CityCertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_CA_may_sign_certificates_and_nothing_below_it_may()
    {
        using var ca = CityCertificateAuthority.CreateCa(Now, Now.AddYears(10));

        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.True(ca.HasPrivateKey);
    }

    [Fact]
    public void A_broker_certificate_chains_to_the_CA_for_the_names_and_addresses_given_and_serves_TLS()
    {
        using var ca = CityCertificateAuthority.CreateCa(Now, Now.AddYears(10));

        using var server = CityCertificateAuthority.IssueServer(ca, ["mqtt.pontianak.example", "localhost"], [IPAddress.Parse("203.0.113.5"), IPAddress.Loopback], Now, Now.AddDays(730));

        Assert.True(CityCertificateAuthority.IsSignedBy(server, ca, Now.AddDays(1)));
        Assert.True(server.HasPrivateKey);
        Assert.False(server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Contains(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(server.MatchesHostname("mqtt.pontianak.example"));
        Assert.True(server.MatchesHostname("203.0.113.5"));
        Assert.False(server.MatchesHostname("mqtt.elsewhere.example"));
        Assert.Equal("CN=mqtt.pontianak.example", server.Subject);
    }

    [Fact]
    public void A_certificate_from_another_CA_or_an_expired_one_does_not_chain_to_the_city_CA()
    {
        using var city = CityCertificateAuthority.CreateCa(Now.AddDays(-100), Now.AddYears(10));
        using var foreign = CityCertificateAuthority.CreateCa(Now, Now.AddYears(10));
        using var foreignServer = CityCertificateAuthority.IssueServer(foreign, ["localhost"], [], Now, Now.AddDays(30));
        using var expired = CityCertificateAuthority.IssueServer(city, ["localhost"], [], Now.AddDays(-60), Now.AddDays(-30));

        Assert.False(CityCertificateAuthority.IsSignedBy(foreignServer, city, Now));
        Assert.False(CityCertificateAuthority.IsSignedBy(expired, city, Now));
        Assert.True(CityCertificateAuthority.IsSignedBy(expired, city, Now.AddDays(-45)));
    }

    [Fact]
    public void A_broker_certificate_does_not_outlive_its_CA()
    {
        using var ca = CityCertificateAuthority.CreateCa(Now, Now.AddDays(100));

        using var server = CityCertificateAuthority.IssueServer(ca, ["localhost"], [], Now, Now.AddDays(730));

        Assert.Equal(ca.NotAfter, server.NotAfter);
    }

    [Fact]
    public void Saved_keys_are_readable_by_their_owner_only_and_load_back_with_the_certificate()
    {
        using var folder = new TemporaryFolder();
        var files = new CertificateFiles(Path.Combine(folder.Path, "ca"));
        using var ca = CityCertificateAuthority.CreateCa(Now, Now.AddYears(10));
        using var server = CityCertificateAuthority.IssueServer(ca, ["localhost"], [], Now, Now.AddDays(30));

        files.SaveCa(ca);
        files.SaveServer(server);

        Assert.Equal(FileModes.OwnerOnly, FileModes.Of(files.CaKey));
        Assert.Equal(FileModes.OwnerOnly, FileModes.Of(files.ServerKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, FileModes.Of(files.Directory));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", files.CaCertificatePem(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(files.CaCertificate), StringComparison.Ordinal);
        using var loaded = files.LoadCa();
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(ca.Thumbprint, loaded.Thumbprint);
        using var reloadedServer = X509Certificate2.CreateFromPemFile(files.ServerCertificate, files.ServerKey);
        Assert.True(CityCertificateAuthority.IsSignedBy(reloadedServer, loaded, Now));
    }
}
