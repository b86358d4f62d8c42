using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// A city set up the way its administrator does it, through <c>pontive-ingest</c>'s own commands: the city CA
/// (<c>ca init</c>), three enrolled devices (<c>devices add</c>, one of them revoked), Ingest's account, and the files
/// for Mosquitto (<c>devices export-mosquitto</c>). Both brokers under test read this one registry.
/// </summary>
public sealed class SecurityWorld : IDisposable
{
    /// <summary>A waste bank's scale: the device others try to impersonate.</summary>
    public static readonly BrokerIdentity Victim = BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-01");

    /// <summary>A device of another site, enrolled like any other, that tries to speak for the victim.</summary>
    public static readonly BrokerIdentity Intruder = BrokerIdentity.ForDevice("bank-tanjung-hulu", "scale-01");

    /// <summary>A device whose account was revoked before the test.</summary>
    public static readonly BrokerIdentity Revoked = BrokerIdentity.ForDevice("bank-siantan", "scale-01");

    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);

    private SecurityWorld(string folder)
    {
        Folder = folder;
    }

    /// <summary>Ingest's data folder: registry.db and ca/.</summary>
    public string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>Where export-mosquitto writes Mosquitto's files.</summary>
    public string MosquittoDirectory => Path.Combine(Folder, "mosquitto");

    public string Folder { get; }

    public CertificateFiles Certificates => new(Path.Combine(DataDirectory, "ca"));

    /// <summary>Ingest's own account's password (for the external broker, and for the observers of these tests).</summary>
    public string IngestPassword => _passwords[BrokerIdentity.IngestUsername];

    public static async Task<SecurityWorld> CreateAsync()
    {
        var world = new SecurityWorld(Directory.CreateTempSubdirectory("pontive-security-").FullName);
        await world.RunAsync("ca", "init", "--host", "localhost", "--ip", "127.0.0.1").ConfigureAwait(false);
        foreach (var device in new[] { Victim, Intruder, Revoked })
        {
            await world.EnrolAsync(device).ConfigureAwait(false);
        }

        using (var database = new RegistryDatabase(Path.Combine(world.DataDirectory, RegistryDatabase.FileName)))
        {
            world._passwords[BrokerIdentity.IngestUsername] = new BrokerAccounts(database, TimeProvider.System).Issue(BrokerIdentity.Ingest);
        }

        await world.RunAsync("devices", "revoke", "--site", Revoked.Site!, "--device", Revoked.Device!).ConfigureAwait(false);
        await world.ExportMosquittoAsync().ConfigureAwait(false);
        return world;
    }

    public string PasswordOf(BrokerIdentity account) => _passwords[account.Username];

    /// <summary>The enrolment bundle <c>devices add</c> wrote for <paramref name="device"/>.</summary>
    public string BundleOf(BrokerIdentity device) => Path.Combine(Folder, $"{device.Username}.enrolment.json");

    public X509Certificate2 LoadCa() => Certificates.LoadCa();

    /// <summary><c>devices add --output</c>: a new account and its bundle (pointing at 127.0.0.1, TLS, <paramref name="port"/>).</summary>
    public async Task EnrolAsync(BrokerIdentity device, int port = 8883)
    {
        await RunAsync("devices", "add", "--site", device.Site!, "--device", device.Device!, "--host", "127.0.0.1", "--port", $"{port}", "--output", BundleOf(device), "--renew").ConfigureAwait(false);
        using var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(BundleOf(device)).ConfigureAwait(false));
        _passwords[device.Username] = bundle.RootElement.GetProperty("Mqtt").GetProperty("Password").GetString()!;
    }

    /// <summary><c>devices revoke</c>, from its own process's point of view: another connection to registry.db.</summary>
    public Task RevokeAsync(BrokerIdentity device) => RunAsync("devices", "revoke", "--site", device.Site!, "--device", device.Device!);

    public Task ExportMosquittoAsync() => RunAsync("devices", "export-mosquitto", "--dir", MosquittoDirectory);

    /// <summary>Gives the broker another certificate (an expired one, one from a foreign CA) in both brokers' places.</summary>
    public void UseServerCertificate(X509Certificate2 certificate)
    {
        CertificateFiles.Save(certificate, Certificates.ServerCertificate, Certificates.ServerKey);
        CertificateFiles.Save(certificate, Path.Combine(MosquittoDirectory, CertificateFiles.ServerCertificateName), Path.Combine(MosquittoDirectory, CertificateFiles.ServerKeyName));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A broker still closing its files; the temporary folder is cleaned by the system later.
        }
    }

    private async Task RunAsync(params string[] args)
    {
        var exitCode = await IngestCommandLine.Build().Parse([.. args, $"--Ingest:DataDirectory={DataDirectory}"]).InvokeAsync().ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"pontive-ingest {string.Join(' ', args)} exited with {exitCode}.");
        }
    }
}
