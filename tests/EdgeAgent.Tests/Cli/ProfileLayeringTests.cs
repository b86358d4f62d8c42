using Microsoft.Extensions.Configuration;

namespace Pontive.Iot.EdgeAgent.Tests.Cli;

/// <summary>
/// A device profile sits between appsettings.json and the command line: it overrides the program's defaults (the
/// profile of an emulated kit must switch to emulated buses), and the technician's command line overrides it.
/// </summary>
public sealed class ProfileLayeringTests : IDisposable
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"pontive-profile-{Guid.NewGuid():N}.json");

    public ProfileLayeringTests()
    {
        File.WriteAllText(_profile, """
            {"Agent":{"Site":"park-x","Device":"dev-1","DataDirectory":"/var/lib/from-profile"},
             "Hardware":{"Mode":"Emulated"},
             "Mqtt":{"Port":2883}}
            """);
    }

    [Fact]
    public void The_profile_overrides_what_appsettings_json_sets()
    {
        var configuration = AgentHost.CreateBuilder([], _profile).Configuration;

        // appsettings.json sets Hardware:Mode Real, Agent:DataDirectory "data" and Mqtt:Port 1883.
        Assert.Equal("Emulated", configuration["Hardware:Mode"]);
        Assert.Equal("/var/lib/from-profile", configuration["Agent:DataDirectory"]);
        Assert.Equal("2883", configuration["Mqtt:Port"]);
    }

    [Fact]
    public void The_command_line_overrides_the_profile()
    {
        var configuration = AgentHost.CreateBuilder(["--Hardware:Mode=Real", "--Mqtt:Port=3883"], _profile).Configuration;

        Assert.Equal("Real", configuration["Hardware:Mode"]);
        Assert.Equal("3883", configuration["Mqtt:Port"]);
        Assert.Equal("park-x", configuration["Agent:Site"]);
    }

    public void Dispose() => File.Delete(_profile);
}
