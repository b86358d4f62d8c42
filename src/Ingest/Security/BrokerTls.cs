using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Pontive.Iot.Ingest.Security;

/// <summary>TLS for Ingest as a client of an external broker: the broker's certificate must chain to the city CA alone.</summary>
public static class BrokerTls
{
    /// <param name="caCertificatePath">The city CA (PEM); null to trust the system's roots instead (a broker with a public certificate).</param>
    public static MqttClientTlsOptions ForClient(string? caCertificatePath)
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
        if (!string.IsNullOrEmpty(caCertificatePath))
        {
            // MQTTnet builds the chain with this as the only trusted root. The city CA publishes no revocation list:
            // a broker certificate is replaced, not revoked.
            tls = tls
                .WithTrustChain([LoadCa(caCertificatePath)])
                .WithRevocationMode(X509RevocationMode.NoCheck);
        }

        return tls.Build();
    }

    /// <summary>The CA certificate alone from a PEM file (a key file is neither needed nor wanted).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file holds no PEM certificate.</exception>
    public static X509Certificate2 LoadCa(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));
}
