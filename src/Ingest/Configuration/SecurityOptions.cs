using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

/// <summary>
/// Who may use the broker: section <c>Security</c>. Off by default, for the one-machine demo and the tests that do
/// not need it (anonymous clients on loopback); on in production. See docs/security.md.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Embedded broker: every client signs in with an account from the registry (<c>pontive-ingest devices add</c>),
    /// its client id must be its username, its topics are limited by its ACL, a device naming another device in a
    /// topic is refused and counted as spoofing, and plain MQTT may only listen on loopback.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The broker's host name or address as devices reach it, written into enrolment bundles (and into the server certificate).</summary>
    public string? DeviceBrokerHost { get; set; }

    /// <summary>The TLS port devices connect to, written into enrolment bundles.</summary>
    [Range(1, 65535)]
    public int DeviceBrokerPort { get; set; } = 8883;

    /// <summary>The city CA and the broker's certificate (<c>pontive-ingest ca init</c>); by default <c>{Ingest:DataDirectory}/ca</c>.</summary>
    public string? CertificateDirectory { get; set; }

    /// <summary>
    /// Embedded broker: how often the registry is checked for accounts revoked by the command line (which runs in
    /// another process); a connected device whose account was revoked is disconnected at the next check.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long before a certificate (the city CA, the broker's) expires Ingest starts warning: in its log every
    /// <see cref="CertificateCheckInterval"/>, and in <c>GET /health</c>. An expired one makes Ingest unhealthy.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan CertificateWarning { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the certificates' dates are checked again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CertificateCheckInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Where the city CA's files are, for a given data folder.</summary>
    public string ResolveCertificateDirectory(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrEmpty(CertificateDirectory) ? Path.Combine(dataDirectory, "ca") : CertificateDirectory);
}
