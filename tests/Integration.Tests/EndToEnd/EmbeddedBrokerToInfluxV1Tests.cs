using MQTTnet;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.EndToEnd;

/// <summary>EdgeAgent → Ingest's embedded MQTTnet broker → Ingest → a real InfluxDB 1.x (the default set-up).</summary>
[Collection(RealServers.Collection)]
public sealed class EmbeddedBrokerToInfluxV1Tests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("e2e_embedded");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task A_reading_of_the_emulated_BME280_arrives_with_its_tags_fields_and_time()
    {
        const string site = "park-e2e-embedded";
        await using var ingest = await StartIngestAsync();
        var stored = ingest.StoredFrom(site, DeviceChannel.Telemetry);

        await using var agent = await AgentUnderTest.StartAsync(output, AgentUnderTest.ParkWithSteadyWeather(site, ingest.BrokerPort));
        await stored;

        await SchemaAssertions.AssertEnvironmentReadingAsync(_influx, _database, site, AgentUnderTest.Start, 29.4, 78.1, 1009.6);
        Assert.Empty(ingest.Logs.Errors);
    }

    [Fact]
    public async Task The_device_status_arrives_as_device_status_with_the_outbox_figures()
    {
        const string site = "park-e2e-status";
        await using var ingest = await StartIngestAsync();
        var stored = ingest.StoredFrom(site, DeviceChannel.Status);

        await using var agent = await AgentUnderTest.StartAsync(output, AgentUnderTest.ParkWithSteadyWeather(site, ingest.BrokerPort));
        await stored;

        Assert.Equal(["device", "site"], await _influx.TagKeysAsync(_database, "device_status"));
        var fields = await _influx.FieldTypesAsync(_database, "device_status");
        Assert.Equal("string", fields["state"]);
        Assert.Equal("integer", fields["outbox_depth"]);
        Assert.Equal("integer", fields["uptime_s"]);
        var row = Assert.Single(await _influx.RowsAsync(_database, "device_status"));
        Assert.Equal("online", row["state"].GetString());
        Assert.Equal(site, row["site"].GetString());
    }

    [Fact]
    public async Task A_deposit_from_a_third_party_scale_is_stored_once_even_when_delivered_twice()
    {
        const string site = "bank-e2e-deposit";
        var topic = DeviceTopic.Build(site, "scale-01", DeviceChannel.Deposit);
        await using var ingest = await StartIngestAsync();
        await using var scale = await TestMqttClient.ConnectAsync(ingest.BrokerPort, "vendor-scale");

        var first = await scale.PublishAsync(topic, ContractExamples.Deposit);
        var second = await scale.PublishAsync(topic, ContractExamples.Deposit);

        // The embedded broker acknowledges only once the deposit is stored.
        Assert.True(first.IsSuccess, first.ReasonString);
        Assert.True(second.IsSuccess, second.ReasonString);
        Assert.Equal(["category", "device", "site"], await _influx.TagKeysAsync(_database, "deposit"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["mass_kg"] = "float", ["value_idr"] = "integer", ["unit_price_idr"] = "integer", ["member"] = "string",
                ["deposit_id"] = "string", ["operator"] = "string", ["price_table"] = "string",
            },
            await _influx.FieldTypesAsync(_database, "deposit"));
        var row = Assert.Single(await _influx.RowsAsync(_database, "deposit"));
        Assert.Equal(ContractExamples.DepositTime.ToUnixTimeMilliseconds(), row["time"].GetInt64());
        Assert.Equal("plastic-pet", row["category"].GetString());
        Assert.Equal(2.345, row["mass_kg"].GetDouble());
        Assert.Equal(7035, row["value_idr"].GetInt64());
        Assert.Equal(3000, row["unit_price_idr"].GetInt64());
        Assert.Equal("A-0042", row["member"].GetString());
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", row["deposit_id"].GetString());
        Assert.Equal("siti", row["operator"].GetString());
        Assert.Equal("2026-11-01", row["price_table"].GetString());
    }

    [Fact]
    public async Task The_message_number_keeps_increasing_when_the_agent_restarts()
    {
        const string site = "park-e2e-seq";
        await using var ingest = await StartIngestAsync();
        await using var observer = await TestMqttClient.ConnectAsync(ingest.BrokerPort, "seq-observer");
        await observer.SubscribeAsync(DeviceTopic.Build(site, "sensors-01", DeviceChannel.Telemetry));
        var settings = AgentUnderTest.ParkWithSteadyWeather(site, ingest.BrokerPort);

        var agent = await AgentUnderTest.StartAsync(output, settings);
        var firstRun = new List<long> { SeqOf(await observer.NextAsync()) };
        agent.Time.Advance(TimeSpan.FromMinutes(1));
        firstRun.Add(SeqOf(await observer.NextAsync()));
        await agent.DisposeAsync();

        await using var restarted = await AgentUnderTest.StartAsync(output, settings, agent.DataDirectory);
        var afterRestart = SeqOf(await observer.NextAsync());

        Assert.True(firstRun[1] > firstRun[0], $"seq went {firstRun[0]} then {firstRun[1]}");
        Assert.True(afterRestart > firstRun[1], $"seq was {firstRun[1]} before the restart and {afterRestart} after");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private static long SeqOf(MqttApplicationMessage message)
    {
        using var json = System.Text.Json.JsonDocument.Parse(message.ConvertPayloadToString());
        return json.RootElement.GetProperty("seq").GetInt64();
    }

    private Task<IngestUnderTest> StartIngestAsync() => IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
    {
        ["InfluxDb:Api"] = "V1",
        ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        ["InfluxDb:Database"] = _database,
    });
}
