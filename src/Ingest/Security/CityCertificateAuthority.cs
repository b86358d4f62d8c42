using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The city's own certificate authority: a self-signed CA whose certificate every device trusts (and nothing else),
/// and the broker certificates it signs. ECDSA P-256 keys, which Mosquitto (OpenSSL), .NET on a Raspberry Pi and
/// MQTTnet all take. Client certificates are not issued: a device proves who it is with its username and password.
/// </summary>
public static class CityCertificateAuthority
{
    public const string DefaultCaName = "CN=Pontive.Iot city CA, O=Pontive.Iot";

    /// <summary>A new CA certificate, with its private key.</summary>
    public static X509Certificate2 CreateCa(DateTimeOffset notBefore, DateTimeOffset notAfter, string subject = DefaultCaName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>
    /// A certificate for the broker, signed by <paramref name="ca"/>, valid for TLS servers at the given names and
    /// addresses (a device checks that the name it connects to is one of them), with its private key.
    /// </summary>
    /// <exception cref="ArgumentException">No name and no address, or the CA has no private key.</exception>
    public static X509Certificate2 IssueServer(
        X509Certificate2 ca,
        IReadOnlyCollection<string> dnsNames,
        IReadOnlyCollection<IPAddress> addresses,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        if (dnsNames.Count + addresses.Count == 0)
        {
            throw new ArgumentException("A broker certificate needs at least one host name or address.", nameof(dnsNames));
        }

        if (!ca.HasPrivateKey)
        {
            throw new ArgumentException("The CA certificate was loaded without its private key.", nameof(ca));
        }

        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = $"CN={dnsNames.FirstOrDefault() ?? addresses.First().ToString()}";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        // A certificate may not outlive the CA that signs it.
        var until = notAfter < ca.NotAfter ? notAfter : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var signed = request.Create(ca, notBefore, until, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> (and only to it) at <paramref name="at"/>.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(certificate);
    }
}
