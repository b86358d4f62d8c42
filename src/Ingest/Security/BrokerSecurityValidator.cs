using System.Net;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The broker settings that security depends on, checked at start with a message that says what to change: with
/// <c>Security:Enabled</c> plain MQTT listens on loopback only (devices come over TLS), certificate files exist, and
/// Ingest has an account on an external broker; and Ingest's password never goes to another machine without TLS.
/// </summary>
internal sealed class BrokerSecurityValidator(IOptions<SecurityOptions> security) : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var enabled = security.Value.Enabled;
        var problems = new List<string>();
        if (options.Mode == BrokerMode.Embedded)
        {
            CheckEmbedded(options, enabled, problems);
        }
        else
        {
            CheckExternal(options, enabled, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckEmbedded(BrokerOptions options, bool enabled, List<string> problems)
    {
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            problems.Add($"Broker:BindAddress '{options.BindAddress}' is not an IP address.");
        }
        else if (enabled && !ListenAddresses.IsLoopback(options.BindAddress))
        {
            problems.Add($"Broker:BindAddress is {options.BindAddress}, but with Security:Enabled plain MQTT is for this machine only: "
                + "set it to 127.0.0.1 and let devices connect over TLS (Broker:TlsCertificate, Broker:TlsPort).");
        }

        var certificate = !string.IsNullOrEmpty(options.TlsCertificate);
        if (certificate != !string.IsNullOrEmpty(options.TlsPrivateKey))
        {
            problems.Add("Broker:TlsCertificate and Broker:TlsPrivateKey go together: set both (pontive-ingest ca init prints them) or neither.");
            return;
        }

        if (!certificate)
        {
            return;
        }

        RequireFile(options.TlsCertificate!, "Broker:TlsCertificate", problems);
        RequireFile(options.TlsPrivateKey!, "Broker:TlsPrivateKey", problems);
        if (!IPAddress.TryParse(options.TlsBindAddress, out _))
        {
            problems.Add($"Broker:TlsBindAddress '{options.TlsBindAddress}' is not an IP address.");
        }

        if (options.TlsPort == options.Port)
        {
            problems.Add($"Broker:TlsPort and Broker:Port are both {options.Port}: plain MQTT and TLS need a port each.");
        }
    }

    private static void CheckExternal(BrokerOptions options, bool enabled, List<string> problems)
    {
        if (options.UseTls && !string.IsNullOrEmpty(options.CaCertificate) && RequireFile(options.CaCertificate, "Broker:CaCertificate", problems))
        {
            try
            {
                using var ca = BrokerTls.LoadCa(options.CaCertificate);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                problems.Add($"Broker:CaCertificate: {Path.GetFullPath(options.CaCertificate)} is not a PEM certificate ({ex.Message}).");
            }
        }

        if (!options.UseTls && !string.IsNullOrEmpty(options.Password) && !ListenAddresses.IsThisMachine(options.Host) && !options.AllowPlainTextPassword)
        {
            problems.Add($"Broker: Ingest's password would travel in clear to {options.Host}:{options.Port}: set Broker:UseTls=true "
                + "and Broker:CaCertificate, or, only on a private network you trust, Broker:AllowPlainTextPassword=true.");
        }

        if (enabled && string.IsNullOrEmpty(options.Username))
        {
            problems.Add("Broker:Username and Broker:Password are empty, but with Security:Enabled the external broker takes no anonymous clients: "
                + "give Ingest its account (pontive-ingest devices ingest-account prints it).");
        }
    }

    private static bool RequireFile(string path, string setting, List<string> problems)
    {
        if (File.Exists(path))
        {
            return true;
        }

        problems.Add($"{setting}: {Path.GetFullPath(path)} does not exist.");
        return false;
    }
}
