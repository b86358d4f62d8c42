using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest ca init --host mqtt.example --ip 203.0.113.5</c>: the city CA and a broker certificate, in
/// Ingest's data folder (<c>ca/</c>, keys 0600); <c>ca issue-server</c> renews the broker certificate from the same CA
/// (devices keep trusting it: they hold the CA certificate, not the broker's).
/// </summary>
internal static class CaCommands
{
    public static Command Build()
    {
        var hosts = new Option<string[]>("--host") { Description = "A host name (or address) devices use to reach the broker; repeat for several" };
        var addresses = new Option<string[]>("--ip") { Description = "An IP address devices use to reach the broker; repeat for several" };
        var days = new Option<int>("--days") { Description = "How long the broker certificate is valid", DefaultValueFactory = _ => 730 };
        var caDays = new Option<int>("--ca-days") { Description = "How long the CA is valid (devices trust it that long)", DefaultValueFactory = _ => 3650 };

        var init = new Command("init", "Create the city CA and a broker certificate signed by it") { hosts, addresses, days, caDays };
        init.TreatUnmatchedTokensAsErrors = false;
        init.SetAction(parse =>
        {
            var settings = DeviceCommands.ReadSettings(parse);
            var files = settings.CertificateFiles;
            if (File.Exists(files.CaKey))
            {
                Console.Error.WriteLine($"A city CA already exists in {files.Directory}; `pontive-ingest ca issue-server` gives the broker a new certificate from it.");
                return 1;
            }

            var now = DateTimeOffset.UtcNow;
            using var ca = CityCertificateAuthority.CreateCa(now.AddMinutes(-5), now.AddDays(parse.GetValue(caDays)));
            files.SaveCa(ca);
            return IssueServer(settings, ca, parse.GetValue(hosts), parse.GetValue(addresses), parse.GetValue(days));
        });

        var issue = new Command("issue-server", "Give the broker a new certificate from the existing city CA") { hosts, addresses, days };
        issue.TreatUnmatchedTokensAsErrors = false;
        issue.SetAction(parse =>
        {
            var settings = DeviceCommands.ReadSettings(parse);
            var files = settings.CertificateFiles;
            if (!files.HasCa)
            {
                Console.Error.WriteLine($"No city CA in {files.Directory}: pontive-ingest ca init creates one.");
                return 1;
            }

            using var ca = files.LoadCa();
            return IssueServer(settings, ca, parse.GetValue(hosts), parse.GetValue(addresses), parse.GetValue(days));
        });

        return new Command("ca", "The city CA and the broker's TLS certificate") { init, issue };
    }

    private static int IssueServer(CommandSettings settings, X509Certificate2 ca, string[]? hosts, string[]? addresses, int days)
    {
        // Loopback too, so Ingest's own tools and a device on the same machine can use TLS by name or address.
        var dnsNames = new List<string> { "localhost" };
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        foreach (var name in (hosts ?? []).Concat(settings.Security.DeviceBrokerHost is { Length: > 0 } configured ? [configured] : []))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                ips.Add(ip);
            }
            else
            {
                dnsNames.Add(name);
            }
        }

        foreach (var text in addresses ?? [])
        {
            if (!IPAddress.TryParse(text, out var ip))
            {
                Console.Error.WriteLine($"--ip {text} is not an IP address.");
                return 1;
            }

            ips.Add(ip);
        }

        var now = DateTimeOffset.UtcNow;
        using var server = CityCertificateAuthority.IssueServer(ca, dnsNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), ips.Distinct().ToList(), now.AddMinutes(-5), now.AddDays(days));
        var files = settings.CertificateFiles;
        files.SaveServer(server);
        var names = string.Join(", ", dnsNames.Distinct(StringComparer.OrdinalIgnoreCase).Concat(ips.Distinct().Select(ip => ip.ToString())));
        var until = server.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Console.WriteLine($"City CA in {files.Directory}:");
        Console.WriteLine($"  {CertificateFiles.CaCertificateName,-11} the CA certificate: public, it goes into every enrolment bundle");
        Console.WriteLine($"  {CertificateFiles.CaKeyName,-11} the CA's private key (0600): keep it here and in an offline backup, never in a repository");
        Console.WriteLine($"  {CertificateFiles.ServerCertificateName,-11} the broker's certificate for {names}, valid until {until}");
        Console.WriteLine($"  {CertificateFiles.ServerKeyName,-11} its private key (0600)");
        Console.WriteLine("Embedded broker: --Broker:TlsCertificate=" + files.ServerCertificate + " --Broker:TlsPrivateKey=" + files.ServerKey);
        Console.WriteLine("Mosquitto: pontive-ingest devices export-mosquitto --dir /etc/mosquitto/pontive copies them for its TLS listener.");
        return 0;
    }
}
