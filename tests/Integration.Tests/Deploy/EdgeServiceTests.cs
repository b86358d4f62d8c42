using System.CommandLine;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent;
using Pontive.Iot.EdgeAgent.Cli;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// deploy/edge/pontive-agent.service against what deploy/edge/install.sh installs and what the agent does: the
/// program and files it names are where the installer puts them, the agent configured as the unit configures it
/// writes only where ProtectSystem=strict lets it, and the unit grants the buses and the priority the drivers use.
/// No servers, no hardware: the installer runs into a fake root.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class EdgeServiceTests
{
    private const string UnitPath = "/etc/systemd/system/pontive-agent.service";

    private static UnitFile Unit => UnitFile.Load(FakeRoot.Deploy("edge/pontive-agent.service"));

    [Theory]
    [InlineData("waste-bank-kit.json")]
    [InlineData("waste-bank-kit-indicator.json")]
    [InlineData("park-kit.json")]
    public async Task The_agent_run_as_the_unit_runs_it_reads_the_installed_profile_and_bundle_and_writes_only_its_state_directory(string kitProfile)
    {
        using var root = FakeRoot.Create();
        var bundle = Path.Combine(root.Folder, "..", Path.GetFileName(root.Folder) + "-bundle.json");
        await File.WriteAllTextAsync(bundle, "{}");
        try
        {
            var install = await root.InstallEdgeAsync("r1", "--profile", FakeRoot.Repository("hardware/profiles/" + kitProfile), "--enrolment", bundle);
            Assert.True(install.ExitCode == 0, install.Both);
        }
        finally
        {
            File.Delete(bundle);
        }

        var unit = UnitFile.Load(root.At(UnitPath));
        var exec = unit.ExecStart();
        Assert.True(File.Exists(root.At(exec[0])), $"ExecStart runs {exec[0]}, which the installer did not put there.");
        Assert.True(File.GetUnixFileMode(root.At(exec[0])).HasFlag(UnixFileMode.UserExecute), $"{exec[0]} is not executable.");

        // The arguments as the agent's own command line reads them.
        var command = AgentCommandLine.Build();
        var parse = command.Parse([.. exec.Skip(1)]);
        Assert.Empty(parse.Errors);
        var profileOption = command.Options.OfType<Option<FileInfo?>>().Single(o => o.Name == "--profile");
        var profile = parse.GetValue(profileOption)?.FullName ?? throw new InvalidOperationException("ExecStart gives no --profile.");
        Assert.True(File.Exists(root.At(profile)), $"ExecStart reads the profile {profile}, which the installer did not put there.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, root.Mode(profile));

        // The agent's configuration as the service builds it: appsettings.json, the profile, the unit's Environment=, ExecStart's settings.
        var configuration = AgentHost.CreateBuilder([.. parse.UnmatchedTokens], root.At(profile), unit.EnvironmentAsConfiguration()).Configuration;
        var enrolment = configuration["Mqtt:Enrolment"] ?? throw new InvalidOperationException("The unit gives the agent no Mqtt:Enrolment.");
        Assert.True(File.Exists(root.At(enrolment)), $"The agent reads the enrolment bundle {enrolment}, which the installer did not put there.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.Mode(enrolment));

        // Everything the agent writes (agent.db, the scale calibration, kiosk-keys/) is in Agent:DataDirectory.
        var agent = configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        var workingDirectory = unit.Service("WorkingDirectory");
        var dataDirectory = Path.GetFullPath(agent.DataDirectory, workingDirectory);
        Assert.Equal("strict", unit.Service("ProtectSystem"));
        Assert.Contains(unit.WritableRoots(), writable => UnitFile.IsUnder(dataDirectory, writable));
        Assert.Equal("/var/lib/" + unit.Service("StateDirectory"), dataDirectory);
        Assert.Equal(dataDirectory, workingDirectory);
        Assert.True(Directory.Exists(root.At(dataDirectory)), $"The installer did not create {dataDirectory}.");

        // The configuration folder is the one the unit declares, as the installer made it.
        Assert.Equal("/etc/" + unit.Service("ConfigurationDirectory"), Path.GetDirectoryName(profile));
        Assert.Equal(Convert.ToInt32(unit.Service("ConfigurationDirectoryMode"), 8), (int)root.Mode(Path.GetDirectoryName(profile)!));
        Assert.Equal(Convert.ToInt32(unit.Service("StateDirectoryMode"), 8), (int)root.Mode(dataDirectory));
    }

    [Fact]
    public void The_unit_allows_the_real_time_priority_the_pin_timing_code_asks_for_and_nothing_more()
    {
        var unit = Unit;

        // TimingThreadPriority asks for SCHED_FIFO at RealTimePriority, else for TimingNice: limits of exactly those let it.
        Assert.Equal(TimingThreadPriority.RealTimePriority.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Service("LimitRTPRIO"));
        Assert.Equal(TimingThreadPriority.TimingNice.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Service("LimitNICE"));
        Assert.False(unit.IsYes("Service", "RestrictRealtime"), "RestrictRealtime=yes would refuse the pin-timing thread its priority.");

        // No capability is needed for that, so none is kept.
        Assert.Empty(unit.Words("Service", "CapabilityBoundingSet"));
        Assert.Empty(unit.Words("Service", "AmbientCapabilities"));
        Assert.True(unit.IsYes("Service", "NoNewPrivileges"));
    }

    [Fact]
    public void The_unit_lets_the_agent_reach_the_buses_of_both_kits()
    {
        var unit = Unit;
        Assert.False(unit.IsYes("Service", "PrivateDevices"), "PrivateDevices=yes hides /dev/gpiomem, /dev/i2c-1 and the serial ports.");

        // The device nodes' groups on Raspberry Pi OS.
        var groups = unit.Words("Service", "SupplementaryGroups");
        Assert.Superset(new HashSet<string> { "gpio", "i2c", "dialout" }, groups.ToHashSet());

        // The drivers' devices: GPIO through /dev/gpiomem (Pi 3/4/Zero 2 W) or gpiochip (libgpiod), I2C bus 1,
        // /dev/serial0 (ttyS0 or ttyAMA0), USB serial adapters (scale indicators, SDS011).
        var allowed = unit.Values("Service", "DeviceAllow").Select(v => v.Split(' ')[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "/dev/gpiomem", "char-gpiochip", "char-i2c", "/dev/ttyS0", "char-ttyAMA", "char-ttyUSB" }, allowed);
        Assert.All(unit.Values("Service", "DeviceAllow"), v => Assert.EndsWith(" rw", v, StringComparison.Ordinal));

        // install.sh puts the user in the same groups, for the pontive-agent command (which does not go through the unit).
        var installer = File.ReadAllText(FakeRoot.Deploy("edge/install.sh"));
        var installerGroups = InstallerGroups().Match(installer).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(groups.Order(StringComparer.Ordinal), installerGroups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_pontive_agent_command_runs_the_program_of_the_unit_with_its_data_folder_and_priority()
    {
        var unit = Unit;
        var wrapper = File.ReadAllText(FakeRoot.Deploy("edge/command/pontive-agent"));
        Assert.Equal(unit.ExecStart()[0], ShellVariable(wrapper, "program"));
        Assert.Equal(unit.Service("User"), ShellVariable(wrapper, "user"));
        Assert.Equal(unit.EnvironmentAsConfiguration()["Agent:DataDirectory"], ShellVariable(wrapper, "data"));
        Assert.Contains("export Agent__DataDirectory=\"$data\"", wrapper, StringComparison.Ordinal);
        Assert.Contains($"export DOTNET_gcServer={unit.EnvironmentAsConfiguration()["DOTNET_gcServer"]}", wrapper, StringComparison.Ordinal);
        var limit = unit.Service("LimitRTPRIO");
        Assert.Contains($"--rtprio={limit}:{limit}", wrapper, StringComparison.Ordinal);
        var nice = 20 - int.Parse(unit.Service("LimitNICE"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"--nice={nice}:{nice}", wrapper, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_notify_and_the_absence_of_a_watchdog_match_what_the_programs_tell_systemd()
    {
        // Type=notify waits for READY=1, which Microsoft.Extensions.Hosting.Systemd sends (AddSystemd). It sends no
        // WATCHDOG=1, so a WatchdogSec= would kill a healthy agent.
        foreach (var (unitFile, host) in new[] { ("edge/pontive-agent.service", "src/EdgeAgent/AgentHost.cs"), ("city/pontive-ingest.service", "src/Ingest/IngestHost.cs") })
        {
            var unit = UnitFile.Load(FakeRoot.Deploy(unitFile));
            Assert.Equal("notify", unit.Service("Type"));
            Assert.Contains("services.AddSystemd();", File.ReadAllText(FakeRoot.Repository(host)), StringComparison.Ordinal);
            Assert.Null(unit.Value("Service", "WatchdogSec"));
        }

        var sendsWatchdog = Directory.EnumerateFiles(FakeRoot.Repository("src"), "*.cs", SearchOption.AllDirectories)
            .Any(file => File.ReadAllText(file).Contains("WATCHDOG=1", StringComparison.Ordinal));
        Assert.False(sendsWatchdog, "The code now sends WATCHDOG=1: give the units a WatchdogSec= and change this test.");
    }

    [Fact]
    public void A_configuration_error_stops_the_service_instead_of_restarting_it()
    {
        // The programs exit with ConfigurationError.ExitCode on a bad setting; a restart would only repeat it.
        foreach (var (unitFile, exitCode) in new[]
        {
            ("edge/pontive-agent.service", ConfigurationError.ExitCode),
            ("city/pontive-ingest.service", Pontive.Iot.Ingest.Cli.ConfigurationError.ExitCode),
        })
        {
            var unit = UnitFile.Load(FakeRoot.Deploy(unitFile));
            Assert.Equal("always", unit.Service("Restart"));
            Assert.Contains(exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Words("Service", "RestartPreventExitStatus"));
        }
    }

    internal static string ShellVariable(string script, string name) =>
        Regex.Match(script, $"^{name}=(\\S+)$", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No {name}= line in the script.");

    [GeneratedRegex(@"readonly groups=\(([^)]*)\)")]
    private static partial Regex InstallerGroups();
}
