using System.Globalization;
using System.Runtime.Versioning;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// The deploy scripts parse (and pass shellcheck where it is installed), and the installed units pass
/// `systemd-analyze verify` without a single warning and keep their hardening (`systemd-analyze security`), with
/// systemd's own tools, offline: nothing is started.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ScriptAndUnitCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts => new()
    {
        "publish.sh",
        "edge/install.sh",
        "edge/command/pontive-agent",
        "city/install.sh",
        "city/backup.sh",
        "city/command/pontive-ingest",
        "city/mosquitto/build-guard.sh",
    };

    public static TheoryData<string, string, double> Units => new()
    {
        // unit, the installer that installs it, the highest exposure systemd-analyze security may give it
        { "/etc/systemd/system/pontive-agent.service", "edge", 3.0 },
        { "/etc/systemd/system/pontive-ingest.service", "city", 2.5 },
        { "/etc/systemd/system/pontive-ingest-backup.service", "city", 3.0 },
        { "/etc/systemd/system/pontive-ingest-backup.timer", "city", 0 },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_script_parses_and_is_executable(string script)
    {
        var path = FakeRoot.Deploy(script);
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"deploy/{script} is not executable (git update-index --chmod=+x).");
        var shebang = File.ReadLines(path).First();
        var shell = shebang.EndsWith("bash", StringComparison.Ordinal) ? "bash" : "sh";
        Assert.True(shebang is "#!/usr/bin/env bash" or "#!/bin/sh", $"deploy/{script} starts with '{shebang}'.");

        var parse = await Shell.RunAsync(shell, "-n", path);
        Assert.True(parse.ExitCode == 0, parse.Both);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_script_passes_shellcheck(string script)
    {
        if (!Shell.Has("shellcheck"))
        {
            output.WriteLine("shellcheck is not installed (apt-get install shellcheck): not checked.");
            return;
        }

        var check = await Shell.RunAsync("shellcheck", "--severity=style", FakeRoot.Deploy(script));
        Assert.True(check.ExitCode == 0, check.Both);
    }

    [Theory]
    [MemberData(nameof(Units))]
    public async Task The_installed_unit_passes_systemd_analyze_verify_and_keeps_its_hardening(string unit, string side, double highestExposure)
    {
        if (!Shell.Has("systemd-analyze"))
        {
            output.WriteLine("systemd-analyze is not installed (apt-get install systemd): not checked.");
            return;
        }

        using var root = FakeRoot.Create();
        var install = side == "edge" ? await root.InstallEdgeAsync("r1") : await root.InstallCityAsync("r1");
        Assert.True(install.ExitCode == 0, install.Both);

        // verify resolves the units' dependencies (network.target, multi-user.target …) under --root: give it systemd's own.
        var systemUnits = Directory.Exists("/usr/lib/systemd/system") ? "/usr/lib/systemd/system" : "/lib/systemd/system";
        CopyFolder(systemUnits, root.At("/usr/lib/systemd/system"));

        var verify = await Shell.RunAsync("systemd-analyze", "verify", "--root=" + root.Folder, unit);
        output.WriteLine(verify.Both);
        Assert.True(verify.ExitCode == 0 && verify.Both.Trim().Length == 0, $"systemd-analyze verify {unit}:\n{verify.Both}");

        if (unit.EndsWith(".service", StringComparison.Ordinal))
        {
            // --threshold counts in tenths of the exposure it prints (0.0 to 10.0).
            var threshold = ((int)Math.Round(highestExposure * 10)).ToString(CultureInfo.InvariantCulture);
            var security = await Shell.RunAsync("systemd-analyze", "security", "--offline=true", "--threshold=" + threshold, "--root=" + root.Folder, unit);
            output.WriteLine(security.Output.Split('\n').LastOrDefault(line => line.Contains("exposure level", StringComparison.Ordinal)) ?? security.Both);
            Assert.True(security.ExitCode == 0, $"systemd-analyze security {unit}: exposure above {highestExposure}\n{security.Both}");
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo folder)
            {
                CopyFolder(folder.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
