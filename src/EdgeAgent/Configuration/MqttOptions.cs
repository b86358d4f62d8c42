using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>
/// The city's broker: section <c>Mqtt</c>. In the field, the broker's address, the device's account and the city CA
/// come from the enrolment bundle (<see cref="Enrolment"/>) that <c>pontive-ingest devices add</c> printed.
/// </summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Defaults to <c>{site}.{device}</c>; the broker keeps this device's session under it.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connect with TLS (port 8883 by convention), checking the broker's certificate against the city CA.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// The city CA's certificate (PEM text, as the enrolment bundle carries it): with <see cref="UseTls"/> the broker's
    /// certificate must be signed by it, and by nothing else. Without it (and without <see cref="CaCertificatePath"/>)
    /// the system's roots are trusted, for a broker with a public certificate.
    /// </summary>
    public string? CaCertificate { get; set; }

    /// <summary>
    /// Lets the agent send its password without TLS to a broker beyond this machine, which it otherwise refuses to
    /// start with: anyone on the path (the bank's Wi-Fi, the mobile network) could read the password. Only for a
    /// broker on a private network the city trusts end to end.
    /// </summary>
    public bool AllowPlainTextPassword { get; set; }

    /// <summary>The city CA's certificate as a PEM file, instead of <see cref="CaCertificate"/>.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The name the broker's certificate must carry, when it is not <see cref="Host"/> (for example when connecting by an address).</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// The enrolment bundle from <c>pontive-ingest devices add</c>, e.g. <c>/etc/pontive-agent/enrolment.json</c>:
    /// its <c>Mqtt</c> settings (host, port, TLS, CA, username, password) replace these, and its <c>Agent</c> site and
    /// device must be this device's.
    /// </summary>
    public string? Enrolment { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps this device's session (and messages for it) while it is offline.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>First wait after a failed connection; it doubles, with jitter, up to <see cref="ReconnectDelayMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for the broker's PUBACK before treating a publish as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most samples in one telemetry message when the outbox replays a backlog.</summary>
    [Range(1, WireLimits.MaxSamplesPerMessage)]
    public int MaxSamplesPerMessage { get; set; } = 250;

    /// <summary>
    /// These settings with the enrolment bundle's applied over them; the same settings when there is no bundle.
    /// </summary>
    /// <exception cref="OptionsValidationException">The bundle is missing, unreadable, or for another device.</exception>
    public MqttOptions WithEnrolment(string site, string device)
    {
        if (string.IsNullOrEmpty(Enrolment))
        {
            return this;
        }

        var path = Path.GetFullPath(Enrolment);
        IConfigurationRoot bundle;
        try
        {
            bundle = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw Invalid($"Mqtt:Enrolment: cannot read the enrolment bundle {path}: {ex.Message}");
        }

        var forSite = bundle["Agent:Site"];
        var forDevice = bundle["Agent:Device"];
        if ((forSite is not null && forSite != site) || (forDevice is not null && forDevice != device))
        {
            throw Invalid($"Mqtt:Enrolment: {path} enrols {forSite}/{forDevice}, but this agent is {site}/{device}; ask the city for this device's bundle.");
        }

        var effective = (MqttOptions)MemberwiseClone();
        bundle.GetSection(Section).Bind(effective);
        effective.Enrolment = null;
        var problems = effective.Validate(new ValidationContext(effective)).Select(r => $"Mqtt:Enrolment ({path}): {r.ErrorMessage}").ToList();
        return problems.Count == 0 ? effective : throw new OptionsValidationException(Section, typeof(MqttOptions), problems);
    }

    /// <summary>The city CA to trust alone, or null to trust the system's roots.</summary>
    public X509Certificate2? LoadCaCertificate()
    {
        if (!string.IsNullOrEmpty(CaCertificate))
        {
            return X509Certificate2.CreateFromPem(CaCertificate);
        }

        // The certificate alone: CreateFromPemFile would look for a private key too.
        return string.IsNullOrEmpty(CaCertificatePath) ? null : X509Certificate2.CreateFromPem(File.ReadAllText(CaCertificatePath));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(CaCertificate) && !string.IsNullOrEmpty(CaCertificatePath))
        {
            yield return new ValidationResult("Give the city CA either as Mqtt:CaCertificate (PEM text) or as Mqtt:CaCertificatePath (a file), not both.");
        }

        if (!string.IsNullOrEmpty(CaCertificatePath) && !File.Exists(CaCertificatePath))
        {
            yield return new ValidationResult($"Mqtt:CaCertificatePath: {Path.GetFullPath(CaCertificatePath)} does not exist.");
        }
        else if (CaCertificate is not null || CaCertificatePath is not null)
        {
            string? problem = null;
            try
            {
                using var ca = LoadCaCertificate();
            }
            catch (CryptographicException ex)
            {
                problem = $"The city CA certificate (Mqtt:CaCertificate or Mqtt:CaCertificatePath) is not a PEM certificate: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return new ValidationResult(problem);
            }
        }

        if (!UseTls && !string.IsNullOrEmpty(Password) && !IsThisMachine(Host) && !AllowPlainTextPassword)
        {
            yield return new ValidationResult(
                $"Mqtt: the device's password would travel in clear to {Host}:{Port}: set Mqtt:UseTls=true with the city CA "
                + "(an enrolment bundle made after pontive-ingest ca init has both), or, only on a private network you trust, Mqtt:AllowPlainTextPassword=true.");
        }

        if (!string.IsNullOrEmpty(Enrolment) && !File.Exists(Enrolment))
        {
            yield return new ValidationResult($"Mqtt:Enrolment: the enrolment bundle {Path.GetFullPath(Enrolment)} does not exist.");
        }
    }

    private static bool IsThisMachine(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static OptionsValidationException Invalid(string problem) => new(Section, typeof(MqttOptions), [problem]);
}
