using System.Text;
using Pontive.Iot.Ingest.Registry;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// Mosquitto 2.0's password_file and acl_file, written from the same registry and the same rules
/// (<see cref="BrokerAccessRules"/>) the embedded broker enforces. Active accounts only: a revoked account is simply
/// absent, and Mosquitto, reloaded with SIGHUP, refuses it and drops its connection. The password lines are the
/// stored hashes, already in Mosquitto's format (<see cref="PasswordHash"/>).
/// </summary>
public static class MosquittoSecurityFiles
{
    public const string PasswordFileName = "pontive.passwd";
    public const string AclFileName = "pontive.acl";

    /// <summary>Debian's Mosquitto runs as user and group <c>mosquitto</c>: new secret files are readable by that group.</summary>
    public const string MosquittoGroup = "mosquitto";

    public static string PasswordFile(IEnumerable<BrokerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var text = new StringBuilder();
        foreach (var account in accounts.Where(a => a.IsActive))
        {
            text.Append(account.Identity.Username).Append(':').Append(account.PasswordHash).Append('\n');
        }

        return text.ToString();
    }

    public static string AclFile(IEnumerable<BrokerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var text = new StringBuilder()
            .Append("# Written by `pontive-ingest devices export-mosquitto` from registry.db: do not edit, export again.\n")
            .Append("# No rule outside a `user` block: an account may do only what its block says, and nobody reads '#'.\n");
        foreach (var account in accounts.Where(a => a.IsActive))
        {
            text.Append('\n').Append("user ").Append(account.Identity.Username).Append('\n');
            foreach (var rule in BrokerAccessRules.For(account.Identity))
            {
                text.Append("topic ").Append(rule.Right == TopicRight.Read ? "read " : "write ").Append(rule.Pattern).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes both files into <paramref name="directory"/>, and the CA and broker certificate and key from
    /// <paramref name="tls"/> when it has them: all of them or, when one cannot be written, none. Existing files keep
    /// their owner, group and mode; new ones are 0640 in group <c>mosquitto</c> (certificates 0644).
    /// </summary>
    /// <exception cref="FileWriteRefusedException">A file may not be written; nothing was changed.</exception>
    public static MosquittoExport Write(string directory, IReadOnlyCollection<BrokerAccount> accounts, CertificateFiles? tls = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        Directory.CreateDirectory(directory);
        var secret = NewFileAccess.ReadableByGroup(MosquittoGroup);
        using var files = new StagedFiles();
        files.Stage(Path.Combine(directory, PasswordFileName), PasswordFile(accounts), secret);
        files.Stage(Path.Combine(directory, AclFileName), AclFile(accounts), secret);
        var withTls = tls is not null && File.Exists(tls.CaCertificate) && File.Exists(tls.ServerCertificate) && File.Exists(tls.ServerKey);
        if (withTls)
        {
            files.Stage(Path.Combine(directory, CertificateFiles.CaCertificateName), File.ReadAllText(tls!.CaCertificate), NewFileAccess.Public);
            files.Stage(Path.Combine(directory, CertificateFiles.ServerCertificateName), File.ReadAllText(tls.ServerCertificate), NewFileAccess.Public);
            files.Stage(Path.Combine(directory, CertificateFiles.ServerKeyName), File.ReadAllText(tls.ServerKey), secret);
        }

        return new MosquittoExport(accounts.Count(a => a.IsActive), withTls, files.Commit());
    }
}

/// <summary>What <see cref="MosquittoSecurityFiles.Write"/> did: accounts written, TLS files copied, and each file's owner, group and mode.</summary>
public sealed record MosquittoExport(int ActiveAccounts, bool WithTls, IReadOnlyList<string> Files);
