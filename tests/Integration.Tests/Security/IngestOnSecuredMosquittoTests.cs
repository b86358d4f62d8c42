using System.Globalization;
using System.Text;
using MQTTnet;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Integration.Tests.EndToEnd;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Security.SecurityWorld;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// Ingest with an external Mosquitto that enforces the exported ACL: Ingest signs in with its own account over TLS,
/// reads the devices' messages and writes their acks, which its ACL allows and a device's does not; and what Mosquitto's
/// guard plugin refuses (a device speaking for another, a topic outside its own) Ingest counts and keeps, as it does
/// on the embedded broker.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class IngestOnSecuredMosquittoTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("security_external");
    private SecurityWorld _world = null!;

    private const string Online = """{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"online"}""";

    [Fact]
    public async Task Ingest_signs_in_with_its_account_stores_a_devices_deposit_and_acknowledges_it_to_that_device()
    {
        await using var mosquitto = await MosquittoSecuredBroker.StartAsync(_world);
        await using var ingest = await StartIngestAsync(mosquitto);
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

    [Fact]
    public async Task A_device_speaking_for_another_is_refused_by_Mosquitto_and_Ingest_counts_and_keeps_it_under_the_senders_account()
    {
        await using var mosquitto = await MosquittoSecuredBroker.StartAsync(_world);
        await using var ingest = await StartIngestAsync(mosquitto);
        var storedFromVictim = new List<InterpretedMessage>();
        ingest.Notifications.Stored += batch => storedFromVictim.AddRange(batch.Where(m => m.Topic?.Site == Victim.Site));
        var spoofingKept = ingest.RefusedOn(StatusOf(Victim));
        var strayKept = ingest.RefusedOn("city/secrets");
        var canaryStored = ingest.StoredFrom(Intruder.Site!, DeviceChannel.Status);
        using var ca = _world.LoadCa();
        await using var intruder = await SignedInClient.ConnectAsync(mosquitto.DevicePort, Intruder.Username, Intruder.Username, _world.PasswordOf(Intruder), ca);

        var spoofed = await intruder.PublishAsync(StatusOf(Victim), Online);
        var stray = await intruder.PublishAsync("city/secrets", Online);
        var canary = await intruder.PublishAsync(StatusOf(Intruder), Online);
        var spoofing = await spoofingKept;
        var strayTopic = await strayKept;
        await canaryStored;

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, stray.ReasonCode);
        Assert.True(canary.IsSuccess, $"{canary.ReasonCode}");
        Assert.Equal($"{Intruder.Username} published as {Victim.Site}/{Victim.Device}; a device may only speak for itself", spoofing.Rejection!.Reason);
        Assert.Equal(Contracts.Validation.RejectionCode.InvalidTopic, strayTopic.Rejection!.Code);
        var statistics = ingest.Service<IngestStatistics>();
        Assert.Equal(1, statistics.RejectedByCode.GetValueOrDefault("spoofing"));
        Assert.Equal(1, statistics.RejectedByCode.GetValueOrDefault("invalid_topic"));
        var letter = Assert.Single(ingest.Service<DeadLetterStore>().List(10, "spoofing"));
        Assert.Equal(StatusOf(Victim), letter.Topic);
        Assert.Equal(Intruder.Username, letter.ClientId);
        Assert.Equal(Online, Encoding.UTF8.GetString(letter.Payload));
        // The canary came after the spoofed status on the same connection: had the spoof leaked, it would be stored by now.
        Assert.Empty(storedFromVictim);
        Assert.Empty(ingest.Logs.Errors);
    }

    [Fact]
    public async Task A_refusal_reported_while_Ingest_is_away_is_counted_when_it_comes_back()
    {
        await using var mosquitto = await MosquittoSecuredBroker.StartAsync(_world);
        var first = await StartIngestAsync(mosquitto);
        await first.DisposeAsync();
        using var ca = _world.LoadCa();
        await using var intruder = await SignedInClient.ConnectAsync(mosquitto.DevicePort, Intruder.Username, Intruder.Username, _world.PasswordOf(Intruder), ca);
        var spoofed = await intruder.PublishAsync(StatusOf(Victim), Online);

        await using var ingest = await StartIngestAsync(mosquitto);
        var canaryStored = ingest.StoredFrom(Intruder.Site!, DeviceChannel.Status);
        await intruder.PublishAsync(StatusOf(Intruder), Online);
        await canaryStored;

        // Mosquitto delivers the queued report before the canary, and Ingest keeps a report before it takes the next message.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        var letter = Assert.Single(ingest.Service<DeadLetterStore>().List(10, "spoofing"));
        Assert.Equal(StatusOf(Victim), letter.Topic);
        Assert.Equal(1, ingest.Service<IngestStatistics>().RejectedByCode.GetValueOrDefault("spoofing"));
    }

    public async Task InitializeAsync() => _world = await SecurityWorld.CreateAsync();

    private static string StatusOf(Ingest.Security.BrokerIdentity device) => DeviceTopic.Build(device.Site!, device.Device!, DeviceChannel.Status);

    private Task<IngestUnderTest> StartIngestAsync(MosquittoSecuredBroker mosquitto) =>
        IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["Security:Enabled"] = "true",
            ["Broker:Mode"] = "External",
            ["Broker:Host"] = "localhost",
            ["Broker:Port"] = mosquitto.DevicePort.ToString(CultureInfo.InvariantCulture),
            ["Broker:UseTls"] = "true",
            ["Broker:CaCertificate"] = _world.Certificates.CaCertificate,
            ["Broker:ClientId"] = "pontive-ingest",
            ["Broker:Username"] = "pontive-ingest",
            ["Broker:Password"] = _world.IngestPassword,
            ["InfluxDb:Api"] = "V1",
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });

    public async Task DisposeAsync()
    {
        _world.Dispose();
        using var influx = new InfluxQl(servers.InfluxDbUrl);
        await influx.DropDatabaseAsync(_database);
    }
}
