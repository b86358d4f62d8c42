using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Configuration;

/// <summary>What a technician sees when <c>pontive-agent</c> is started with a bad setting: exit code 2 and a plain message.</summary>
public sealed class ConfigurationErrorProcessTests : IDisposable
{
    private const int ConfigurationErrorExitCode = 2;

    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task A_bad_site_id_stops_the_agent_with_exit_code_2_and_a_message_naming_the_setting()
    {
        var (exitCode, output, errors) = await RunAsync("--Agent:Site=Bank Sungai Jawi");

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Agent:Site", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    [Fact]
    public async Task A_duration_that_is_not_a_TimeSpan_stops_the_agent_with_a_message_naming_the_setting()
    {
        var (exitCode, output, errors) = await RunAsync("--Outbox:MaxTelemetryAge=a month");

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Outbox:MaxTelemetryAge", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    [Fact]
    public async Task Problems_in_several_sections_are_all_listed_with_exit_code_2()
    {
        var (exitCode, output, errors) = await RunAsync("--Agent:Site=Bank_Sungai", "--Mqtt:Port=0", "--Outbox:MaxTelemetryAge=a month");

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Agent:Site", errors, StringComparison.Ordinal);
        Assert.Contains("Port", errors, StringComparison.Ordinal);
        Assert.Contains("Outbox:MaxTelemetryAge", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    [Fact]
    public async Task A_bad_sensor_entry_in_the_profile_stops_the_agent_with_a_message_naming_the_entry()
    {
        var profile = _folder.File("kit.json");
        await File.WriteAllTextAsync(profile, """
            { "Sensors": [ { "Id": "env-1", "Kind": "environment", "Driver": "bme281" } ] }
            """);

        var (exitCode, output, errors) = await RunAsync("--profile", profile);

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Sensors:0 (env-1): Driver 'bme281' is not known", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    [Fact]
    public async Task A_sensor_whose_interval_cannot_be_read_stops_the_agent_instead_of_being_left_out()
    {
        var profile = _folder.File("kit.json");
        await File.WriteAllTextAsync(profile, """
            { "Sensors": [ { "Id": "env-1", "Kind": "environment", "Driver": "bme280", "Interval": "every minute" } ] }
            """);

        var (exitCode, output, errors) = await RunAsync("--profile", profile);

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains("Sensors:0 (env-1)", errors, StringComparison.Ordinal);
        Assert.Contains("'Sensors:0:Interval'", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    [Fact]
    public async Task A_profile_that_does_not_exist_stops_the_agent_with_a_message_naming_the_file()
    {
        var missing = _folder.File("no-such-kit.json");

        var (exitCode, output, errors) = await RunAsync("--profile", missing);

        Assert.Equal(ConfigurationErrorExitCode, exitCode);
        Assert.Contains(missing, errors, StringComparison.Ordinal);
        AssertNoStackTrace(output, errors);
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertNoStackTrace(string output, string errors)
    {
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>A complete, valid configuration but for what the test breaks (the command line's later settings win).</summary>
    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) =>
        AgentProcess.RunAsync(
        [
            "--Agent:Site=bank-sungai-jawi",
            "--Agent:Device=scale-01",
            $"--Agent:DataDirectory={_folder.Path}",
            "--Clock:TrustSource=Always",
            "--Hardware:Mode=Emulated",
            "--Mqtt:Port=1",
            .. arguments,
        ]);
}
