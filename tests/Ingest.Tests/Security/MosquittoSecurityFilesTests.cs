using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Mosquitto's password_file and acl_file, written from the registry and the same rules the embedded broker checks.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and owners are Linux's
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
                "topic read pontive/broker/v1/refused",
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
    public void Written_files_replace_the_old_ones_and_new_secret_files_are_for_mosquitto_only()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName), "stale:line\n");
        File.SetUnixFileMode(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName), FileModes.OwnerOnly);

        var export = MosquittoSecurityFiles.Write(folder.Path, Accounts);

        Assert.Equal(2, export.ActiveAccounts);
        Assert.Equal(MosquittoSecurityFiles.PasswordFile(Accounts), File.ReadAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName)));
        Assert.Equal(MosquittoSecurityFiles.AclFile(Accounts), File.ReadAllText(Path.Combine(folder.Path, MosquittoSecurityFiles.AclFileName)));
        FileModes.AssertMosquittoSecret(Path.Combine(folder.Path, MosquittoSecurityFiles.AclFileName));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.new"));
    }

    [Fact]
    public void New_files_are_readable_by_mosquitto_keys_only_through_its_group_and_certificates_by_everyone()
    {
        using var folder = new TemporaryFolder();
        var tls = CertificateAuthority(folder);
        var mosquitto = Path.Combine(folder.Path, "mosquitto");

        var export = MosquittoSecurityFiles.Write(mosquitto, Accounts, tls);

        Assert.True(export.WithTls);
        FileModes.AssertMosquittoSecret(Path.Combine(mosquitto, MosquittoSecurityFiles.PasswordFileName));
        FileModes.AssertMosquittoSecret(Path.Combine(mosquitto, MosquittoSecurityFiles.AclFileName));
        FileModes.AssertMosquittoSecret(Path.Combine(mosquitto, CertificateFiles.ServerKeyName));
        Assert.Equal(FileModes.Everyone, FileModes.Of(Path.Combine(mosquitto, CertificateFiles.CaCertificateName)));
        Assert.Equal(FileModes.Everyone, FileModes.Of(Path.Combine(mosquitto, CertificateFiles.ServerCertificateName)));
        Assert.Equal(File.ReadAllText(tls.ServerKey), File.ReadAllText(Path.Combine(mosquitto, CertificateFiles.ServerKeyName)));
        Assert.Contains(export.Files, line => line.StartsWith($"{CertificateFiles.ServerKeyName}: new, owner ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_file_keeps_the_mode_the_administrator_gave_it()
    {
        using var folder = new TemporaryFolder();
        var passwords = Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName);
        File.WriteAllText(passwords, "stale:line\n");
        const UnixFileMode GroupMayWrite = FileModes.OwnerAndGroup | UnixFileMode.GroupWrite;
        File.SetUnixFileMode(passwords, GroupMayWrite);

        var export = MosquittoSecurityFiles.Write(folder.Path, Accounts);

        Assert.Equal(GroupMayWrite, FileModes.Of(passwords));
        Assert.Equal(MosquittoSecurityFiles.PasswordFile(Accounts), File.ReadAllText(passwords));
        Assert.Contains($"{MosquittoSecurityFiles.PasswordFileName}: kept its owner ", export.Files[0], StringComparison.Ordinal);
        Assert.EndsWith("mode 0660", export.Files[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_file_keeps_its_owner_and_group_when_root_exports()
    {
        if (!UnixAccounts.IsRoot)
        {
            return; // Only root may give a file to another user, so only root can set the scene (and keep it).
        }

        using var folder = new TemporaryFolder();
        var passwords = Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName);
        File.WriteAllText(passwords, "stale:line\n");
        File.SetUnixFileMode(passwords, FileModes.OwnerOnly);
        const uint Nobody = 65534;
        Assert.True(UnixAccounts.TryChangeOwner(passwords, Nobody, Nobody));

        MosquittoSecurityFiles.Write(folder.Path, Accounts);

        Assert.Equal(new UnixFileOwnership(Nobody, Nobody, FileModes.OwnerOnly), UnixAccounts.Of(passwords));
        Assert.Equal(MosquittoSecurityFiles.PasswordFile(Accounts), File.ReadAllText(passwords));
    }

    [Fact]
    public void A_file_this_user_may_not_write_stops_the_export_with_a_clear_error_before_anything_changes()
    {
        if (UnixAccounts.IsRoot)
        {
            return; // Root may write any file: the refusal can only be seen as another user.
        }

        using var folder = new TemporaryFolder();
        var passwords = Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName);
        var acl = Path.Combine(folder.Path, MosquittoSecurityFiles.AclFileName);
        File.WriteAllText(passwords, "old:line\n");
        File.WriteAllText(acl, "# old\n");
        File.SetUnixFileMode(acl, UnixFileMode.UserRead);
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var refused = Assert.Throws<FileWriteRefusedException>(() => MosquittoSecurityFiles.Write(folder.Path, Accounts));

            Assert.Contains($"Cannot write {acl}: it has owner ", refused.Message, StringComparison.Ordinal);
            Assert.Contains("mode 0400", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
            Assert.Equal("old:line\n", File.ReadAllText(passwords));
        }
        finally
        {
            File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_folder_where_a_file_should_be_stops_the_export_before_anything_changes()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, MosquittoSecurityFiles.AclFileName));

        var refused = Assert.Throws<FileWriteRefusedException>(() => MosquittoSecurityFiles.Write(folder.Path, Accounts));

        Assert.Contains($"{MosquittoSecurityFiles.AclFileName} is a folder", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, MosquittoSecurityFiles.PasswordFileName)));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.new"));
    }

    private static CertificateFiles CertificateAuthority(TemporaryFolder folder)
    {
        var files = new CertificateFiles(Path.Combine(folder.Path, "ca"));
        var now = DateTimeOffset.UtcNow;
        using var ca = CityCertificateAuthority.CreateCa(now.AddMinutes(-5), now.AddDays(30));
        files.SaveCa(ca);
        using var server = CityCertificateAuthority.IssueServer(ca, ["localhost"], [System.Net.IPAddress.Loopback], now.AddMinutes(-5), now.AddDays(30));
        files.SaveServer(server);
        return files;
    }
}
