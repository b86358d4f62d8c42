using System.Runtime.Versioning;
namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// deploy/edge/install.sh and deploy/city/install.sh into a fake root: the same run twice leaves the same files, an
/// update keeps the release before it for a rollback, settings and secrets are never overwritten, and uninstalling
/// keeps the data.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Installing_the_agent_twice_leaves_the_same_files()
    {
        using var root = FakeRoot.Create();
        var profile = FakeRoot.Repository("hardware/profiles/park-kit.json");
        var first = await root.InstallEdgeAsync("r1", "--profile", profile);
        Assert.True(first.ExitCode == 0, first.Both);
        var afterFirst = root.Snapshot();

        var second = await root.InstallEdgeAsync("r1", "--profile", profile);
        Assert.True(second.ExitCode == 0, second.Both);
        Assert.Equal(afterFirst, root.Snapshot());
        Assert.Contains(afterFirst, line => line.StartsWith("/opt/pontive-agent/current link ", StringComparison.Ordinal) && line.EndsWith(" releases/r1", StringComparison.Ordinal));
        Assert.DoesNotContain(afterFirst, line => line.Contains(".incoming-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_keeps_the_release_before_it_and_a_rollback_goes_back_to_it()
    {
        using var root = FakeRoot.Create();
        foreach (var release in new[] { "r1", "r2", "r3" })
        {
            var install = await root.InstallEdgeAsync(release, "--keep", "0");
            Assert.True(install.ExitCode == 0, install.Both);
        }

        Assert.Equal("releases/r3", root.LinkTarget("/opt/pontive-agent/current"));
        Assert.Equal("releases/r2", root.LinkTarget("/opt/pontive-agent/previous"));
        Assert.False(Directory.Exists(root.At("/opt/pontive-agent/releases/r1")), "--keep 0 keeps only the current and the previous release.");

        var rollback = await root.RunEdgeAsync("--rollback");
        Assert.True(rollback.ExitCode == 0, rollback.Both);
        Assert.Equal("releases/r2", root.LinkTarget("/opt/pontive-agent/current"));
        Assert.Equal("releases/r3", root.LinkTarget("/opt/pontive-agent/previous"));
        Assert.True(File.Exists(root.At("/opt/pontive-agent/current/pontive-agent")));
    }

    [Fact]
    public async Task A_new_profile_replaces_the_old_one_and_keeps_it_aside()
    {
        using var root = FakeRoot.Create();
        var first = await root.InstallEdgeAsync("r1", "--profile", FakeRoot.Repository("hardware/profiles/waste-bank-kit.json"));
        Assert.True(first.ExitCode == 0, first.Both);
        var second = await root.InstallEdgeAsync("r1", "--profile", FakeRoot.Repository("hardware/profiles/waste-bank-kit-indicator.json"));
        Assert.True(second.ExitCode == 0, second.Both);

        Assert.Equal(
            await File.ReadAllTextAsync(FakeRoot.Repository("hardware/profiles/waste-bank-kit-indicator.json")),
            await File.ReadAllTextAsync(root.At("/etc/pontive-agent/profile.json")));
        Assert.Equal(
            await File.ReadAllTextAsync(FakeRoot.Repository("hardware/profiles/waste-bank-kit.json")),
            await File.ReadAllTextAsync(root.At("/etc/pontive-agent/profile.json.previous")));
    }

    [Fact]
    public async Task Ingest_s_settings_and_secrets_are_written_once_and_never_overwritten()
    {
        using var root = FakeRoot.Create();
        var first = await root.InstallCityAsync("r1");
        Assert.True(first.ExitCode == 0, first.Both);
        Assert.Equal(
            await File.ReadAllTextAsync(FakeRoot.Deploy("city/ingest.env.example")),
            await File.ReadAllTextAsync(root.At("/etc/pontive-ingest/ingest.env")));
        Assert.Equal(OwnerOnly, root.Mode("/etc/pontive-ingest/secrets.env"));

        // The operator edits both; an update leaves them alone (and puts the secrets back to 0600).
        await File.WriteAllTextAsync(root.At("/etc/pontive-ingest/ingest.env"), "InfluxDb__Url=http://influx.internal:8086\n");
        await File.WriteAllTextAsync(root.At("/etc/pontive-ingest/secrets.env"), "InfluxDb__Password=edited\n");
        File.SetUnixFileMode(root.At("/etc/pontive-ingest/secrets.env"), OwnerOnly | UnixFileMode.OtherRead);
        var update = await root.InstallCityAsync("r2");
        Assert.True(update.ExitCode == 0, update.Both);

        Assert.Equal("InfluxDb__Url=http://influx.internal:8086\n", await File.ReadAllTextAsync(root.At("/etc/pontive-ingest/ingest.env")));
        Assert.Equal("InfluxDb__Password=edited\n", await File.ReadAllTextAsync(root.At("/etc/pontive-ingest/secrets.env")));
        Assert.Equal(OwnerOnly, root.Mode("/etc/pontive-ingest/secrets.env"));
        Assert.Equal("releases/r1", root.LinkTarget("/opt/pontive-ingest/previous"));
    }

    [Fact]
    public async Task Uninstalling_removes_the_program_and_units_and_keeps_data_and_settings()
    {
        using var root = FakeRoot.Create();
        Assert.Equal(0, (await root.InstallEdgeAsync("r1", "--profile", FakeRoot.Repository("hardware/profiles/park-kit.json"))).ExitCode);
        Assert.Equal(0, (await root.InstallCityAsync("r1")).ExitCode);
        await File.WriteAllTextAsync(root.At("/var/lib/pontive-agent/agent.db"), "outbox");
        await File.WriteAllTextAsync(root.At("/var/lib/pontive-ingest/registry.db"), "accounts");

        Assert.Equal(0, (await root.RunEdgeAsync("--uninstall")).ExitCode);
        Assert.Equal(0, (await root.RunCityAsync("--uninstall")).ExitCode);

        Assert.False(Directory.Exists(root.At("/opt/pontive-agent")));
        Assert.False(Directory.Exists(root.At("/opt/pontive-ingest")));
        Assert.Empty(Directory.EnumerateFiles(root.At("/etc/systemd/system")));
        Assert.False(File.Exists(root.At("/usr/local/bin/pontive-agent")));
        Assert.True(File.Exists(root.At("/var/lib/pontive-agent/agent.db")));
        Assert.True(File.Exists(root.At("/var/lib/pontive-ingest/registry.db")));
        Assert.True(File.Exists(root.At("/etc/pontive-agent/profile.json")));
        Assert.True(File.Exists(root.At("/etc/pontive-ingest/secrets.env")));
    }

    [Fact]
    public async Task The_installers_refuse_a_folder_without_a_published_program()
    {
        using var root = FakeRoot.Create();
        var edge = await root.RunEdgeAsync("--from", root.Folder, "--release", "r1");
        var city = await root.RunCityAsync("--from", root.Folder, "--release", "r1");
        Assert.NotEqual(0, edge.ExitCode);
        Assert.NotEqual(0, city.ExitCode);
        Assert.Contains("no published agent", edge.Error, StringComparison.Ordinal);
        Assert.Contains("no published Ingest", city.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Folder));
    }
}
