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

    /// <summary>Writes both files into <paramref name="directory"/> (each replaced whole, the password file 0600).</summary>
    /// <returns>How many accounts they hold.</returns>
    public static int Write(string directory, IReadOnlyCollection<BrokerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        Directory.CreateDirectory(directory);
        CertificateFiles.WritePrivate(Path.Combine(directory, PasswordFileName), PasswordFile(accounts));
        CertificateFiles.WritePrivate(Path.Combine(directory, AclFileName), AclFile(accounts));
        return accounts.Count(a => a.IsActive);
    }
}
