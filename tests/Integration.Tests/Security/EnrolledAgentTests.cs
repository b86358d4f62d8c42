using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// The field technician's path: <c>devices add</c> prints a bundle, the agent starts with
/// <c>--Mqtt:Enrolment=…</c>, and its readings reach InfluxDB through the embedded broker over TLS with security on.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class EnrolledAgentTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly BrokerIdentity Park = BrokerIdentity.ForDevice("park-alun-kapuas", "sensors-01");
    private readonly string _database = InfluxQl.NewDatabaseName("security_agent");
    private SecurityWorld _world = null!;

    [Fact]
    public async Task An_agent_started_with_its_enrolment_bundle_signs_in_over_TLS_and_its_readings_are_stored()
    {
        await using var broker = await EmbeddedSecuredBroker.StartAsync(_world, servers.InfluxDbUrl, _database, output);
        await _world.EnrolAsync(Park, broker.DevicePort);
        var stored = broker.Ingest.StoredFrom(Park.Site!, DeviceChannel.Telemetry);

        // Host and port point at the plain port: the bundle's TLS address must win.
        var settings = AgentUnderTest.ParkWithSteadyWeather(Park.Site!, broker.LocalPort);
        settings["Mqtt:Enrolment"] = _world.BundleOf(Park);
        await using var agent = await AgentUnderTest.StartAsync(output, settings);

        var message = await stored;
        Assert.Equal(Park.Username, message.Inbound.ClientId);
        Assert.Empty(broker.Ingest.Logs.Errors);
    }

    [Fact]
    public async Task An_agent_given_another_devices_bundle_stops_with_a_message_naming_both()
    {
        await _world.EnrolAsync(SecurityWorld.Victim);
        var settings = AgentUnderTest.ParkWithSteadyWeather(Park.Site!, FreePort.Next());
        settings["Mqtt:Enrolment"] = _world.BundleOf(SecurityWorld.Victim);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => AgentUnderTest.StartAsync(output, settings));

        var problem = Assert.Single(refused.Failures);
        Assert.Contains("enrols bank-sungai-jawi/scale-01, but this agent is park-alun-kapuas/sensors-01", problem, StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => _world = await SecurityWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        _world.Dispose();
        using var influx = new InfluxQl(servers.InfluxDbUrl);
        await influx.DropDatabaseAsync(_database);
    }
}
