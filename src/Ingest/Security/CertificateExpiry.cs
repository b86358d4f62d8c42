using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Security;

/// <summary>One certificate Ingest depends on, and when it stops being valid.</summary>
public sealed record CertificateDates(string Name, string Path, DateTimeOffset NotAfter, int DaysLeft);

/// <summary>
/// The dates of the certificates the city's devices depend on: the city CA and the broker's certificate. When one
/// expires, every device refuses the broker, and nothing else would say so beforehand. Read from their files, so a
/// certificate renewed with <c>ca issue-server</c> is seen at the next check. <see cref="CertificateExpiryWatcher"/>
/// checks them; <c>GET /health</c> shows the result.
/// </summary>
public sealed class CertificateExpiry(IOptions<SecurityOptions> security, IOptions<BrokerOptions> broker, IOptions<IngestOptions> ingest, TimeProvider time, ILogger<CertificateExpiry> logger)
{
    private volatile IReadOnlyList<CertificateDates> _last = [];

    /// <summary>The certificates as of the last check (none before the first, or with security off).</summary>
    public IReadOnlyList<CertificateDates> Last => _last;

    /// <summary>Warnings for <c>GET /health</c>: a certificate that expires within <see cref="SecurityOptions.CertificateWarning"/>.</summary>
    public IEnumerable<string> Warnings => _last
        .Where(c => c.DaysLeft >= 0 && c.DaysLeft <= security.Value.CertificateWarning.TotalDays)
        .Select(c => $"the {c.Name} expires on {c.NotAfter:yyyy-MM-dd} UTC, in {c.DaysLeft} day(s)");

    /// <summary>Problems for <c>GET /health</c>: a certificate already expired.</summary>
    public IEnumerable<string> Problems => _last
        .Where(c => c.DaysLeft < 0)
        .Select(c => $"the {c.Name} expired on {c.NotAfter:yyyy-MM-dd} UTC: devices refuse the broker");

    /// <summary>Reads every certificate's dates again and logs each one that has expired or expires soon.</summary>
    public IReadOnlyList<CertificateDates> Check()
    {
        var now = time.GetUtcNow();
        var checkedNow = new List<CertificateDates>();
        foreach (var (name, path) in Watched())
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                SecurityLog.CertificateUnreadable(logger, name, path, ex.Message);
                continue;
            }

            using (certificate)
            {
                var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                var daysLeft = (int)Math.Floor((notAfter - now).TotalDays);
                var dates = new CertificateDates(name, path, notAfter, notAfter < now ? -1 : daysLeft);
                checkedNow.Add(dates);
                if (notAfter < now)
                {
                    SecurityLog.CertificateExpired(logger, name, path, notAfter);
                }
                else if (notAfter - now <= security.Value.CertificateWarning)
                {
                    SecurityLog.CertificateExpiresSoon(logger, name, path, notAfter, daysLeft);
                }
            }
        }

        _last = checkedNow;
        return checkedNow;
    }

    /// <summary>
    /// The broker's certificate: the embedded broker's TLS certificate, or the one <c>ca init</c> issued (which
    /// <c>export-mosquitto</c> hands to Mosquitto). The city CA: its folder's, or the one Ingest trusts for an external
    /// broker. Only those whose file exists: a city without TLS has nothing to watch.
    /// </summary>
    private IEnumerable<(string Name, string Path)> Watched()
    {
        var files = new CertificateFiles(security.Value.ResolveCertificateDirectory(ingest.Value.DataDirectory));
        var brokerCertificate = broker.Value.Mode == BrokerMode.Embedded && !string.IsNullOrEmpty(broker.Value.TlsCertificate)
            ? broker.Value.TlsCertificate
            : files.ServerCertificate;
        var ca = broker.Value.Mode == BrokerMode.External && !string.IsNullOrEmpty(broker.Value.CaCertificate)
            ? broker.Value.CaCertificate
            : files.CaCertificate;
        return new[] { ("city CA", ca), ("broker certificate", brokerCertificate) }
            .Where(c => File.Exists(c.Item2))
            .Select(c => (c.Item1, Path.GetFullPath(c.Item2)));
    }
}
