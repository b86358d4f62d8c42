using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Mosquitto's password_file and acl_file, written from the registry and the same rules the embedded broker checks.</summary>
public sealed class MosquittoSecurityFilesTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    private static readonly BrokerAccount[] Accounts =
    [
        new(BrokerIdentity.Ingest, "$7$101$aW5nZXN0$SU5HRVNU", Issued, null),
        new(BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-01"), "$7$101$c2NhbGU=$U0NBTEU=", Issued, null),
        new(BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-02"), "$7$101$b2xk$T0xE", Issued, Issued.AddDays(1)),
    ];

    [Fact]
    public void The_password_file_has_one_line_per_active_account_with_its_stored_hash()
    {
        Assert.Equal(
            "pontive-ingest:$7$101$aW5nZXN0$SU5HRVNU\nbank-sungai-jawi.scale-01:$7$101$c2NhbGU=$U0NBTEU=\n",
            MosquittoSecurityFiles.PasswordFile(Accounts));
    }

    [Fact]
    public void The_acl_file_gives_each_active_account_its_own_topics_and_nothing_else()
    {
        var acl = MosquittoSecurityFiles.AclFile(Accounts);

        var rules = acl.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.Equal(
            [
                "user pontive-ingest",
                "topic read pontive/v1/+/+/telemetry",
                "topic read pontive/v1/+/+/deposit",
                "topic read pontive/v1/+/+/status",
                "topic read pontive/v1/+/+/correction",
                "topic write pontive/v1/+/+/config",
                "topic write pontive/v1/+/+/ack",
                "user bank-sungai-jawi.scale-01",
                "topic write pontive/v1/bank-sungai-jawi/scale-01/telemetry",
                "topic write pontive/v1/bank-sungai-jawi/scale-01/deposit",
                "topic write pontive/v1/bank-sungai-jawi/scale-01/status",
                "topic write pontive/v1/bank-sungai-jawi/scale-01/correction",
                "topic read pontive/v1/bank-sungai-jawi/scale-01/config",
                "topic read pontive/v1/bank-sungai-jawi/scale-01/ack",
            ],
            rules);
        Assert.DoesNotContain("scale-02", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("pattern", acl, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_files_replace_the_old_ones_and_the_password_file_is_private()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName), "stale:line\n");

        var active = MosquittoSecurityFiles.Write(folder.Path, Accounts);

        Assert.Equal(2, active);
        Assert.Equal(MosquittoSecurityFiles.PasswordFile(Accounts), File.ReadAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName)));
        Assert.Equal(MosquittoSecurityFiles.AclFile(Accounts), File.ReadAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.AclFileName)));
        Assert.Equal(FileModes.OwnerOnly, FileModes.Of(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName)));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.new"));
    }
}
