using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>The attacks against Ingest's embedded MQTTnet broker with Security:Enabled, storing into a real InfluxDB.</summary>
[Collection(RealServers.Collection)]
public sealed class EmbeddedBrokerSecurityTests(RealServers servers, ITestOutputHelper output) : BrokerSecurityTests
{
    private readonly string _database = InfluxQl.NewDatabaseName("security_embedded");

    protected override MqttClientConnectResultCode WrongPasswordCode => MqttClientConnectResultCode.BadUserNameOrPassword;

    protected override MqttClientSubscribeResultCode ForeignSubscriptionCode => MqttClientSubscribeResultCode.NotAuthorized;

    protected override MqttClientConnectResultCode ForeignClientIdCode => MqttClientConnectResultCode.ClientIdentifierNotValid;

    protected override MqttClientDisconnectReason RevokedWhileConnectedReason => MqttClientDisconnectReason.NotAuthorized;

    protected override async Task<SecuredBroker> StartBrokerAsync(SecurityWorld world) =>
        await EmbeddedSecuredBroker.StartAsync(world, servers.InfluxDbUrl, _database, output);

    [Fact]
    public async Task Health_lists_the_certificates_devices_depend_on_and_when_they_end()
    {
        var ingest = ((EmbeddedSecuredBroker)Broker).Ingest;
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };

        var health = await http.GetFromJsonAsync<JsonElement>("health");

        var certificates = health.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(["city CA", "broker certificate"], certificates.Select(c => c.GetProperty("name").GetString()));
        Assert.All(certificates, c => Assert.True(c.GetProperty("days_left").GetInt32() > 300, c.ToString()));
        Assert.Empty(health.GetProperty("warnings").EnumerateArray());
    }

    /// <summary>Counted as spoofing and kept as a dead letter that names the sender's client id, not the victim.</summary>
    protected override Task AssertSpoofingRecordedAsync(string topic)
    {
        var ingest = ((EmbeddedSecuredBroker)Broker).Ingest;
        Assert.Equal(1, ingest.Service<IngestStatistics>().RejectedByCode.GetValueOrDefault("spoofing"));
        var letter = Assert.Single(ingest.Service<DeadLetterStore>().List(10, "spoofing"));
        Assert.Equal(topic, letter.Topic);
        Assert.Equal(SecurityWorld.Intruder.Username, letter.ClientId);
        return Task.CompletedTask;
    }
}
