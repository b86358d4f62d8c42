using MQTTnet;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.EndToEnd;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Security.SecurityWorld;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// Ingest with an external Mosquitto that enforces the exported ACL: Ingest signs in with its own account over TLS,
/// reads the devices' messages and writes their acks, which its ACL allows and a device's does not.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class IngestOnSecuredMosquittoTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("security_external");
    private SecurityWorld _world = null!;

    [Fact]
    public async Task Ingest_signs_in_with_its_account_stores_a_devices_deposit_and_acknowledges_it_to_that_device()
    {
        await using var mosquitto = await MosquittoSecuredBroker.StartAsync(_world);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["Security:Enabled"] = "true",
            ["Broker:Mode"] = "External",
            ["Broker:Host"] = "localhost",
            ["Broker:Port"] = mosquitto.DevicePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:UseTls"] = "true",
            ["Broker:CaCertificate"] = _world.Certificates.CaCertificate,
            ["Broker:ClientId"] = "pontive-ingest",
            ["Broker:Username"] = "pontive-ingest",
            ["Broker:Password"] = _world.IngestPassword,
            ["InfluxDb:Api"] = "V1",
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        using var ca = _world.LoadCa();
        await using var scale = await SignedInClient.ConnectAsync(mosquitto.DevicePort, Victim.Username, Victim.Username, _world.PasswordOf(Victim), ca);
        await scale.SubscribeAsync(DeviceTopic.Build(Victim.Site!, Victim.Device!, DeviceChannel.Ack));
        var stored = ingest.StoredFrom(Victim.Site!, DeviceChannel.Deposit);

        var published = await scale.PublishAsync(DeviceTopic.Build(Victim.Site!, Victim.Device!, DeviceChannel.Deposit), ContractExamples.Deposit);
        await stored;
        var ack = await scale.NextAsync();

        Assert.True(published.IsSuccess, $"{published.ReasonCode}");
        Assert.Equal(DeviceTopic.Build(Victim.Site!, Victim.Device!, DeviceChannel.Ack), ack.Topic);
        Assert.Contains("01JDX3W6Q8Z2M4N5P6R7S8T9V0", ack.ConvertPayloadToString(), StringComparison.Ordinal);
        Assert.Empty(ingest.Logs.Errors);
    }

    public async Task InitializeAsync() => _world = await SecurityWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        _world.Dispose();
        using var influx = new InfluxQl(servers.InfluxDbUrl);
        await influx.DropDatabaseAsync(_database);
    }
}
