using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.EndToEnd;

/// <summary>Bad input on every channel is refused with its reason, counted, kept and listed; Ingest keeps running.</summary>
[Collection(RealServers.Collection)]
public sealed class BadInputTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("e2e_bad_input");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task Each_channel_refuses_bad_input_with_a_reason_and_Ingest_stays_healthy()
    {
        const string site = "bank-e2e-bad";
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        await using var device = await TestMqttClient.ConnectAsync(ingest.BrokerPort, "buggy-device");
        var bad = new (DeviceChannel Channel, string Payload, string Code)[]
        {
            (DeviceChannel.Telemetry, "{\"v\":1,\"seq\":7,\"samples\":[{\"t\":\"2026-11-28T03:15:00.000Z\",\"sensor\":\"env-1\",\"kind\":\"environment\",\"values\":{\"temperature_c\":120}}]}", "out_of_range"),
            (DeviceChannel.Deposit, ContractExamples.Deposit.Replace("\"value_idr\":7035", "\"value_idr\":9999", StringComparison.Ordinal), "value_mismatch"),
            (DeviceChannel.Status, "{\"v\":2,\"t\":\"2026-11-28T03:15:00.000Z\",\"state\":\"online\"}", "unsupported_version"),
        };

        foreach (var (channel, payload, code) in bad)
        {
            var result = await device.PublishAsync(DeviceTopic.Build(site, "scale-01", channel), payload);

            // An MQTT 5 device hears why, so it does not send the same message again.
            Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
            Assert.StartsWith(code, result.ReasonString, StringComparison.Ordinal);
        }

        var badTopic = await device.PublishAsync("pontive/v1/Bank/scale-01/deposit", ContractExamples.Deposit);
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, badTopic.ReasonCode);

        // Still running: a good deposit right after is stored.
        var good = await device.PublishAsync(DeviceTopic.Build(site, "scale-01", DeviceChannel.Deposit), ContractExamples.Deposit);
        Assert.True(good.IsSuccess, good.ReasonString);
        Assert.Single(await _influx.RowsAsync(_database, "deposit"));

        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };
        var letters = await http.GetFromJsonAsync<JsonElement>("/dead-letters?limit=10");
        Assert.Equal(4, letters.GetArrayLength());
        Assert.Equal(
            ["invalid_topic", "unsupported_version", "value_mismatch", "out_of_range"],
            letters.EnumerateArray().Select(l => l.GetProperty("code").GetString()!).ToArray());
        Assert.All(letters.EnumerateArray(), l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("reason").GetString())));

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(health.IsSuccessStatusCode, report.ToString());
        Assert.Equal(4, report.GetProperty("messages").GetProperty("rejected").GetInt64());
        Assert.Equal(1, report.GetProperty("messages").GetProperty("stored").GetInt64());
        Assert.Equal(4, report.GetProperty("dead_letters_kept").GetInt64());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }
}
