using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest devices add|list|revoke|ingest-account|export-mosquitto</c>: the broker accounts in registry.db,
/// changed on the city's server while Ingest runs (the embedded broker notices within
/// <see cref="SecurityOptions.RevocationCheckInterval"/>; Mosquitto after export-mosquitto and a reload).
/// </summary>
internal static class DeviceCommands
{
    public static Command Build()
    {
        var site = new Option<string>("--site") { Description = "The site id, e.g. bank-sungai-jawi", Required = true };
        var device = new Option<string>("--device") { Description = "The device id at that site, e.g. scale-01", Required = true };
        var renew = new Option<bool>("--renew") { Description = "Issue a new password for an account that exists (the old one stops working at once)" };

        var host = new Option<string?>("--host") { Description = "The broker's host name or address as the device reaches it; by default Security:DeviceBrokerHost" };
        var port = new Option<int?>("--port") { Description = "The broker's TLS port; by default Security:DeviceBrokerPort (8883)" };
        var output = new Option<FileInfo?>("--output") { Description = "Write the enrolment bundle to this file (mode 0600) instead of printing it" };
        var add = new Command("add", "Enrol a device: a new account, printed once as an enrolment bundle for the field technician") { site, device, host, port, output, renew };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(parse => Run(parse, settings => Add(settings, parse.GetValue(site)!, parse.GetValue(device)!, parse.GetValue(host), parse.GetValue(port), parse.GetValue(output), parse.GetValue(renew))));

        var list = new Command("list", "Every broker account: active or revoked, and when the device was last heard from");
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parse => Run(parse, List));

        var revoke = new Command("revoke", "Revoke a device's account: refused at its next connect, and disconnected if connected") { site, device };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction(parse => Run(parse, settings => Revoke(settings, parse.GetValue(site)!, parse.GetValue(device)!)));

        var ingestAccount = new Command("ingest-account", "Ingest's own account on an external broker (Mosquitto), printed once as Broker settings") { renew };
        ingestAccount.TreatUnmatchedTokensAsErrors = false;
        ingestAccount.SetAction(parse => Run(parse, settings => IngestAccount(settings, parse.GetValue(renew))));

        var directory = new Option<DirectoryInfo>("--dir") { Description = "Where Mosquitto reads its security files, e.g. /etc/mosquitto/pontive", Required = true };
        var export = new Command("export-mosquitto", "Write Mosquitto's password_file and acl_file (and the TLS files) from the registry") { directory };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(parse => Run(parse, settings => ExportMosquitto(settings, parse.GetValue(directory)!.FullName)));

        return new Command("devices", "Device accounts on the broker: enrol, list, revoke; files for Mosquitto")
        {
            add, list, revoke, ingestAccount, export,
        };
    }

    /// <summary>The same settings the service reads (appsettings.json, environment, <c>--Section:Name=value</c>).</summary>
    internal static CommandSettings ReadSettings(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. parse.UnmatchedTokens])
            .Build();
        return new CommandSettings(
            configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions(),
            configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions(),
            configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions());
    }

    private static int Run(ParseResult parse, Func<CommandSettings, int> action)
    {
        try
        {
            return action(ReadSettings(parse));
        }
        catch (InvalidOperationException ex) when (ex.Source == "Microsoft.Extensions.Configuration.Binder")
        {
            return ConfigurationError.Report([ex.Message]);
        }
        catch (ArgumentException ex)
        {
            // The operator typed the value: say what is wrong with it, not which parameter of ours held it.
            Console.Error.WriteLine(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal));
            return 1;
        }
    }

    private static int Add(CommandSettings settings, string site, string device, string? host, int? port, FileInfo? output, bool renew)
    {
        var identity = BrokerIdentity.ForDevice(site, device);
        var files = settings.CertificateFiles;
        var hasCa = File.Exists(files.CaCertificate);
        host ??= settings.Security.DeviceBrokerHost;
        if (string.IsNullOrEmpty(host))
        {
            Console.Error.WriteLine("Where does the device reach the broker? Give --host, or set Security:DeviceBrokerHost.");
            return 1;
        }

        using var database = settings.OpenRegistry();
        var accounts = new BrokerAccounts(database, TimeProvider.System);
        if (accounts.Find(identity.Username) is { IsActive: true } && !renew)
        {
            Console.Error.WriteLine($"{identity} is already enrolled. --renew issues a new password; the old one stops working and a connected device is disconnected.");
            return 1;
        }

        var password = accounts.Issue(identity);
        var bundle = new EnrolmentBundle(identity, password, host, port ?? (hasCa ? settings.Security.DeviceBrokerPort : settings.Broker.Port), hasCa ? File.ReadAllText(files.CaCertificate) : null);
        if (!hasCa)
        {
            Console.Error.WriteLine($"No city CA in {files.Directory} (pontive-ingest ca init): this bundle connects without TLS, which is only for a device on the broker's own machine.");
        }

        if (output is null)
        {
            Console.Write(bundle.ToJson());
        }
        else
        {
            CertificateFiles.WritePrivate(output.FullName, bundle.ToJson());
            Console.Error.WriteLine($"Enrolment bundle for {identity} written to {output.FullName} (it holds the password: give it to the technician, then delete it).");
        }

        Console.Error.WriteLine($"On the device: copy it to /etc/pontive-agent/enrolment.json (mode 0600) and start the agent with --Mqtt:Enrolment=/etc/pontive-agent/enrolment.json.");
        return 0;
    }

    private static int List(CommandSettings settings)
    {
        if (!File.Exists(settings.RegistryPath))
        {
            Console.WriteLine($"No accounts: {settings.RegistryPath} does not exist yet.");
            return 0;
        }

        using var database = settings.OpenRegistry();
        var accounts = new BrokerAccounts(database, TimeProvider.System).All();
        var seen = new DeviceRegistry(database).All().ToDictionary(d => $"{d.Site}.{d.Device}", d => d.LastSeen, StringComparer.Ordinal);
        Console.WriteLine($"{"ACCOUNT",-40} {"ISSUED",-17} {"STATE",-26} LAST SEEN");
        foreach (var account in accounts)
        {
            var state = account.RevokedAt is { } revoked ? $"revoked {Format(revoked)}" : "active";
            var lastSeen = seen.TryGetValue(account.Identity.Username, out var at) ? Format(at) : "-";
            Console.WriteLine($"{account.Identity.Username,-40} {Format(account.IssuedAt),-17} {state,-26} {lastSeen}");
        }

        if (accounts.Count == 0)
        {
            Console.WriteLine("No accounts yet: pontive-ingest devices add --site … --device …");
        }

        return 0;
    }

    private static int Revoke(CommandSettings settings, string site, string device)
    {
        var identity = BrokerIdentity.ForDevice(site, device);
        using var database = settings.OpenRegistry();
        if (!new BrokerAccounts(database, TimeProvider.System).Revoke(identity))
        {
            Console.Error.WriteLine($"{identity} has no active account.");
            return 1;
        }

        Console.WriteLine($"Revoked {identity}. The embedded broker disconnects it within {settings.Security.RevocationCheckInterval.TotalSeconds:0.#} s and refuses it from now on.");
        Console.WriteLine("Mosquitto: run `pontive-ingest devices export-mosquitto --dir …` and reload Mosquitto (systemctl reload mosquitto).");
        return 0;
    }

    private static int IngestAccount(CommandSettings settings, bool renew)
    {
        using var database = settings.OpenRegistry();
        var accounts = new BrokerAccounts(database, TimeProvider.System);
        if (accounts.Find(BrokerIdentity.IngestUsername) is { IsActive: true } && !renew)
        {
            Console.Error.WriteLine($"Ingest's account exists. --renew issues a new password (then export-mosquitto, reload Mosquitto and restart Ingest with it).");
            return 1;
        }

        var password = accounts.Issue(BrokerIdentity.Ingest);
        Console.WriteLine("Ingest's account on the external broker (shown once; keep it in Ingest's settings, e.g. environment variables):");
        Console.WriteLine($"Broker__Username={BrokerIdentity.IngestUsername}");
        Console.WriteLine($"Broker__Password={password}");
        return 0;
    }

    private static int ExportMosquitto(CommandSettings settings, string directory)
    {
        using var database = settings.OpenRegistry();
        var accounts = new BrokerAccounts(database, TimeProvider.System).All();
        MosquittoExport export;
        try
        {
            export = MosquittoSecurityFiles.Write(directory, accounts, settings.CertificateFiles);
        }
        catch (FileWriteRefusedException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        Console.WriteLine($"{MosquittoSecurityFiles.PasswordFileName} and {MosquittoSecurityFiles.AclFileName} written to {directory}: {export.ActiveAccounts} active account(s).");
        if (export.WithTls)
        {
            Console.WriteLine($"{CertificateFiles.CaCertificateName}, {CertificateFiles.ServerCertificateName} and {CertificateFiles.ServerKeyName} copied there for Mosquitto's TLS listener.");
        }

        foreach (var file in export.Files)
        {
            Console.WriteLine("  " + file);
        }

        if (accounts.All(a => a.Identity.IsDevice || !a.IsActive))
        {
            Console.Error.WriteLine("Ingest has no account yet, so it cannot read from Mosquitto: pontive-ingest devices ingest-account, then export again.");
        }

        Console.WriteLine($"Existing files keep their owner, group and mode; new ones are readable by group {MosquittoSecurityFiles.MosquittoGroup} (certificates by everyone).");
        Console.WriteLine("Then: systemctl reload mosquitto (SIGHUP re-reads the password and ACL files).");
        return 0;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z";
}

/// <summary>The settings the account and CA commands read, and where they lead.</summary>
internal sealed record CommandSettings(IngestOptions Ingest, SecurityOptions Security, BrokerOptions Broker)
{
    public string RegistryPath => Path.GetFullPath(Path.Combine(Ingest.DataDirectory, RegistryDatabase.FileName));

    public CertificateFiles CertificateFiles => new(Security.ResolveCertificateDirectory(Ingest.DataDirectory));

    public RegistryDatabase OpenRegistry() => new(Options.Create(Ingest));
}
