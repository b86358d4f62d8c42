using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.EndToEnd;

/// <summary>EdgeAgent → a real Mosquitto → Ingest subscribed as an external broker's client → a real InfluxDB 1.x.</summary>
[Collection(RealServers.Collection)]
public sealed class MosquittoToInfluxV1Tests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("e2e_mosquitto");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task A_reading_published_through_Mosquitto_arrives_with_its_tags_fields_and_time()
    {
        const string site = "park-e2e-mosquitto";
        await using var ingest = await StartIngestAsync();
        var stored = ingest.StoredFrom(site, DeviceChannel.Telemetry);

        await using var agent = await AgentUnderTest.StartAsync(output, AgentUnderTest.ParkWithSteadyWeather(site, servers.MosquittoPort, temperature: 31.2, humidity: 65.5, pressure: 1007.3));
        await stored;

        await SchemaAssertions.AssertEnvironmentReadingAsync(_influx, _database, site, AgentUnderTest.Start, 31.2, 65.5, 1007.3);
        Assert.Empty(ingest.Logs.Errors);
    }

    [Fact]
    public async Task A_malformed_message_is_kept_as_a_dead_letter_and_the_next_good_one_is_still_stored()
    {
        const string site = "bank-e2e-mosquitto-bad";
        var topic = DeviceTopic.Build(site, "scale-01", DeviceChannel.Deposit);
        await using var ingest = await StartIngestAsync();
        var refused = ingest.RefusedOn(topic);
        var stored = ingest.StoredFrom(site, DeviceChannel.Deposit);
        await using var scale = await TestMqttClient.ConnectAsync(servers.MosquittoPort, "vendor-scale-mosquitto");

        await scale.PublishAsync(topic, "{\"v\":1,\"id\":\"not-a-ulid\"");
        await scale.PublishAsync(topic, ContractExamples.Deposit);

        var rejection = (await refused).Rejection!;
        Assert.Equal("invalid_json", Pontive.Iot.Contracts.Validation.RejectionCodes.WireName(rejection.Code));
        await stored;
        var kept = Assert.Single(ingest.Service<Pontive.Iot.Ingest.DeadLetters.DeadLetterStore>().List(10));
        Assert.Equal(topic, kept.Topic);
        Assert.Single(await _influx.RowsAsync(_database, "deposit"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private Task<IngestUnderTest> StartIngestAsync() => IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
    {
        ["Broker:Mode"] = "External",
        ["Broker:Host"] = RealServers.MosquittoHost,
        ["Broker:Port"] = servers.MosquittoPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // A client id of its own and no lasting session: tests share this Mosquitto.
        ["Broker:ClientId"] = $"ingest-test-{Guid.NewGuid():N}",
        ["Broker:SessionExpiry"] = "00:00:00",
        ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        ["InfluxDb:Database"] = _database,
    });
}
