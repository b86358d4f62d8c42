using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Ingest;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Registry;

namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// deploy/city/pontive-ingest.service and its backup unit against what deploy/city/install.sh installs and what
/// Ingest does: the program, settings and secrets are where the installer puts them, and Ingest configured as the
/// unit configures it (with the example settings a first install writes) writes only where ProtectSystem=strict
/// lets it. No servers: the installer runs into a fake root.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CityServiceTests
{
    private const string UnitPath = "/etc/systemd/system/pontive-ingest.service";
    private const string SettingsPath = "/etc/pontive-ingest/ingest.env";
    private const string SecretsPath = "/etc/pontive-ingest/secrets.env";

    [Fact]
    public async Task Ingest_run_as_the_unit_runs_it_reads_the_installed_settings_and_secrets_and_writes_only_its_state_directory()
    {
        using var root = FakeRoot.Create();
        var install = await root.InstallCityAsync("r1");
        Assert.True(install.ExitCode == 0, install.Both);

        var unit = UnitFile.Load(root.At(UnitPath));
        var exec = unit.ExecStart();
        Assert.True(File.GetUnixFileMode(root.At(exec[0])).HasFlag(UnixFileMode.UserExecute), $"ExecStart runs {exec[0]}, which the installer did not put there.");

        // Settings (required) and secrets (optional, '-'), as the installer made them: secrets are root's alone.
        var files = unit.Values("Service", "EnvironmentFile");
        Assert.Equal([SettingsPath, "-" + SecretsPath], files);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, root.Mode(SettingsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.Mode(SecretsPath));
        Assert.Equal("/etc/" + unit.Service("ConfigurationDirectory"), Path.GetDirectoryName(SettingsPath));

        // Ingest's configuration as the service builds it: the unit's Environment= and the installed settings file
        // (the example, on a first install), both environment variables.
        var settings = new Dictionary<string, string?>(unit.EnvironmentAsConfiguration(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in EnvironmentFile.Read(root.At(SettingsPath)))
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var configuration = IngestHost.CreateBuilder([.. exec.Skip(1)], settings).Configuration;
        var ingest = configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        var deadLetters = configuration.GetSection(DeadLetterOptions.Section).Get<DeadLetterOptions>() ?? new DeadLetterOptions();
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var workingDirectory = unit.Service("WorkingDirectory");
        var data = Path.GetFullPath(ingest.DataDirectory, workingDirectory);
        Assert.Equal("/var/lib/" + unit.Service("StateDirectory"), data);
        Assert.Equal(data, workingDirectory);

        // What Ingest writes: the registry, the dead letters, the city CA, the session keys (HttpAccess: http-keys/).
        string[] written =
        [
            Path.Combine(data, RegistryDatabase.FileName),
            Path.GetFullPath(DeadLetterStore.ResolvePath(deadLetters.Path, data), workingDirectory),
            security.ResolveCertificateDirectory(data),
            Path.Combine(data, "http-keys"),
        ];
        Assert.Equal("strict", unit.Service("ProtectSystem"));
        Assert.All(written, path => Assert.Contains(unit.WritableRoots(), writable => UnitFile.IsUnder(path, writable)));

        // The example's broker certificate is the one `pontive-ingest ca init` writes; its settings are real ones.
        Assert.Equal(Path.Combine(security.ResolveCertificateDirectory(data), "server.crt"), configuration["Broker:TlsCertificate"]);
        Assert.Equal(Path.Combine(security.ResolveCertificateDirectory(data), "server.key"), configuration["Broker:TlsPrivateKey"]);
        Assert.True(security.Enabled);
        Assert.Equal("http://127.0.0.1:8080", configuration["ASPNETCORE_URLS"]);

        Assert.True(Directory.Exists(root.At(data)));
        Assert.Equal(Convert.ToInt32(unit.Service("StateDirectoryMode"), 8), (int)root.Mode(data));
        Assert.Equal(Convert.ToInt32(unit.Service("ConfigurationDirectoryMode"), 8), (int)root.Mode("/etc/" + unit.Service("ConfigurationDirectory")));
    }

    [Fact]
    public async Task The_pontive_ingest_command_gives_the_program_the_settings_and_secrets_of_the_unit()
    {
        // The command itself, with its program, user and files pointed at stand-ins: it must export every line of both
        // files as systemd would, and the data folder of the unit.
        using var root = FakeRoot.Create();
        var unit = UnitFile.Load(FakeRoot.Deploy("city/pontive-ingest.service"));
        var settings = Path.Combine(root.Folder, "ingest.env");
        var secrets = Path.Combine(root.Folder, "secrets.env");
        await File.WriteAllTextAsync(settings, "# a comment\nInfluxDb__Url=http://influx.internal:8086\nSecurity__DeviceBrokerHost=mqtt.example.go.id\n");
        await File.WriteAllTextAsync(secrets, "HttpAccess__AdminTokens__0=\"a token with = in it\"\n");
        var program = Path.Combine(root.Folder, "program");
        await File.WriteAllTextAsync(program, "#!/bin/sh\nenv | grep -E '^(InfluxDb|Security|HttpAccess|Ingest)__' | sort\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var wrapper = (await File.ReadAllTextAsync(FakeRoot.Deploy("city/command/pontive-ingest")))
            .Replace("program=/opt/pontive-ingest/current/pontive-ingest", "program=" + program, StringComparison.Ordinal)
            .Replace("settings=/etc/pontive-ingest/ingest.env", "settings=" + settings, StringComparison.Ordinal)
            .Replace("secrets=/etc/pontive-ingest/secrets.env", "secrets=" + secrets, StringComparison.Ordinal)
            .Replace("exec setpriv --reuid=\"$user\" --regid=\"$(id -g \"$user\")\" --init-groups --", "exec", StringComparison.Ordinal)
            .Replace("exec sudo -- \"$0\" \"$@\"", "exit 99", StringComparison.Ordinal);
        var script = Path.Combine(root.Folder, "pontive-ingest");
        await File.WriteAllTextAsync(script, wrapper);

        var run = await Shell.RunAsync("sh", script, "devices", "list");
        if (run.ExitCode == 99)
        {
            return; // not root: the command hands itself to sudo, which a test cannot answer.
        }

        Assert.True(run.ExitCode == 0, run.Both);
        Assert.Equal(
            [
                "HttpAccess__AdminTokens__0=a token with = in it",
                "InfluxDb__Url=http://influx.internal:8086",
                "Ingest__DataDirectory=" + unit.EnvironmentAsConfiguration()["Ingest:DataDirectory"],
                "Security__DeviceBrokerHost=mqtt.example.go.id",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_backup_unit_runs_the_installed_backup_on_Ingest_s_data_as_Ingest_s_user()
    {
        using var root = FakeRoot.Create();
        var install = await root.InstallCityAsync("r1");
        Assert.True(install.ExitCode == 0, install.Both);

        var ingest = UnitFile.Load(root.At(UnitPath));
        var backup = UnitFile.Load(root.At("/etc/systemd/system/pontive-ingest-backup.service"));
        var exec = backup.ExecStart();
        Assert.True(File.GetUnixFileMode(root.At(exec[0])).HasFlag(UnixFileMode.UserExecute), $"{exec[0]} was not installed.");

        var data = "/var/lib/" + ingest.Service("StateDirectory");
        var dest = exec[exec.ToList().IndexOf("--dest") + 1];
        Assert.Equal(data, exec[exec.ToList().IndexOf("--data") + 1]);
        Assert.Equal(ingest.Service("User"), backup.Service("User"));
        Assert.True(Directory.Exists(root.At(dest)), $"The installer did not create {dest}.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, root.Mode(dest));

        // SQLite's online backup writes the WAL index (-shm) beside the database, and the archive into dest.
        Assert.Equal("strict", backup.Service("ProtectSystem"));
        Assert.Contains(backup.WritableRoots(), writable => UnitFile.IsUnder(data, writable));
        Assert.Contains(backup.WritableRoots(), writable => UnitFile.IsUnder(dest, writable));

        // The timer starts this service (same name), and is installed with it.
        Assert.True(File.Exists(root.At("/etc/systemd/system/pontive-ingest-backup.timer")));
        Assert.NotNull(UnitFile.Load(root.At("/etc/systemd/system/pontive-ingest-backup.timer")).Value("Timer", "OnCalendar"));
    }

    [Fact]
    public void The_pontive_ingest_command_runs_the_program_of_the_unit_with_its_data_folder_settings_and_secrets()
    {
        var unit = UnitFile.Load(FakeRoot.Deploy("city/pontive-ingest.service"));
        var wrapper = File.ReadAllText(FakeRoot.Deploy("city/command/pontive-ingest"));
        Assert.Equal(unit.ExecStart()[0], EdgeServiceTests.ShellVariable(wrapper, "program"));
        Assert.Equal(unit.Service("User"), EdgeServiceTests.ShellVariable(wrapper, "user"));
        Assert.Equal(unit.EnvironmentAsConfiguration()["Ingest:DataDirectory"], EdgeServiceTests.ShellVariable(wrapper, "data"));
        Assert.Equal(
            unit.Values("Service", "EnvironmentFile").Select(file => file.TrimStart('-')),
            [EdgeServiceTests.ShellVariable(wrapper, "settings"), EdgeServiceTests.ShellVariable(wrapper, "secrets")]);
        Assert.Contains("export Ingest__DataDirectory=\"$data\"", wrapper, StringComparison.Ordinal);
    }
}
