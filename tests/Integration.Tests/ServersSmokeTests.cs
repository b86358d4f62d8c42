using System.Net;
using System.Net.Sockets;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;
using InfluxDB.Client.Writes;
using MQTTnet;
using MQTTnet.Protocol;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests;

/// <summary>
/// The servers the integration tests rely on are there and set up as those tests expect: InfluxDB's
/// 1.x API, nginx's InfluxDB 2.x write API in front of it, Mosquitto with persistence, and the
/// private instances fault tests stop and kill.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class ServersSmokeTests(RealServers servers)
{
    // Only a bound on a hang: every wait below ends as soon as the awaited thing happens.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task InfluxDB_returns_the_two_points_written_through_its_1x_write_api()
    {
        using var influxQl = new InfluxQl(servers.InfluxDbUrl);
        using var writer = new InfluxV1Writer(servers.InfluxDbUrl);
        var database = InfluxQl.NewDatabaseName("smoke_v1");
        await influxQl.CreateDatabaseAsync(database);
        try
        {
            await writer.WriteAsync(
                database,
                "air,site=taman_alun_kapuas pm25=12.5 1764318600000\nair,site=taman_digulis pm25=30 1764318660000",
                precision: "ms");

            var series = await influxQl.QueryAsync(database, "SELECT site, pm25 FROM air ORDER BY time");

            Assert.Collection(
                Assert.Single(series).Rows,
                first =>
                {
                    Assert.Equal(1764318600000, first["time"].GetInt64());
                    Assert.Equal("taman_alun_kapuas", first["site"].GetString());
                    Assert.Equal(12.5, first["pm25"].GetDouble());
                },
                second =>
                {
                    Assert.Equal(1764318660000, second["time"].GetInt64());
                    Assert.Equal("taman_digulis", second["site"].GetString());
                    Assert.Equal(30, second["pm25"].GetDouble());
                });
        }
        finally
        {
            await influxQl.DropDatabaseAsync(database);
        }
    }

    // A wrong precision mapping in nginx would put the point decades away from where it was meant.
    [Theory]
    [InlineData(WritePrecision.Ns)]
    [InlineData(WritePrecision.Us)]
    [InlineData(WritePrecision.Ms)]
    [InlineData(WritePrecision.S)]
    public async Task InfluxDB_client_writes_through_nginx_s_2x_write_api_at_each_precision(WritePrecision precision)
    {
        using var influxQl = new InfluxQl(servers.InfluxDbUrl);
        var database = InfluxQl.NewDatabaseName("smoke_v2");
        await influxQl.CreateDatabaseAsync(database);
        try
        {
            var at = new DateTimeOffset(2026, 11, 28, 8, 30, 15, TimeSpan.Zero);
            using var client = new InfluxDBClient(servers.InfluxDbV2Url.ToString(), "token-ignored-by-influxdb-1x");
            var point = PointData.Measurement("deposit")
                .Tag("bank", "bank_sampah_sungai_jawi")
                .Field("kg", 3.25)
                .Timestamp(at, precision);

            await client.GetWriteApiAsync().WritePointAsync(point, bucket: database, org: "pontianak");

            var row = Assert.Single(Assert.Single(await influxQl.QueryAsync(database, "SELECT bank, kg FROM deposit")).Rows);
            Assert.Equal(at.ToUnixTimeMilliseconds(), row["time"].GetInt64());
            Assert.Equal("bank_sampah_sungai_jawi", row["bank"].GetString());
            Assert.Equal(3.25, row["kg"].GetDouble());
        }
        finally
        {
            await influxQl.DropDatabaseAsync(database);
        }
    }

    // The ingest tells a permanent refusal (400) from a retryable failure by the status code.
    [Fact]
    public async Task Nginx_hands_InfluxDB_s_refusal_of_bad_line_protocol_back_as_a_400()
    {
        using var influxQl = new InfluxQl(servers.InfluxDbUrl);
        var database = InfluxQl.NewDatabaseName("smoke_v2_bad");
        await influxQl.CreateDatabaseAsync(database);
        try
        {
            using var client = new InfluxDBClient(servers.InfluxDbV2Url.ToString(), "token-ignored-by-influxdb-1x");

            var refusal = await Assert.ThrowsAsync<BadRequestException>(() =>
                client.GetWriteApiAsync().WriteRecordAsync("deposit kg=oops 1", WritePrecision.S, database, "pontianak"));

            Assert.Equal(400, refusal.Status);
        }
        finally
        {
            await influxQl.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Mosquitto_delivers_a_published_message_to_a_subscriber()
    {
        var topic = $"pontive/smoke/{Guid.NewGuid():N}";
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        var received = ReceiveOne(subscriber);
        await subscriber.ConnectAsync(ClientOptions(servers.MosquittoPort, "smoke-subscriber-" + Guid.NewGuid().ToString("N")));
        await subscriber.SubscribeAsync(
            factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await PublishAsync(servers.MosquittoPort, topic, """{"hello":"pontianak"}""");

        Assert.Equal("""{"hello":"pontianak"}""", await received.WaitAsync(Patience));
    }

    // Several ingest instances share the load through a $share subscription.
    [Fact]
    public async Task Mosquitto_delivers_to_a_shared_subscription()
    {
        var topic = $"pontive/smoke/{Guid.NewGuid():N}";
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        var received = ReceiveOne(subscriber);
        await subscriber.ConnectAsync(ClientOptions(servers.MosquittoPort, "smoke-shared-" + Guid.NewGuid().ToString("N")));
        await subscriber.SubscribeAsync(
            factory.CreateSubscribeOptionsBuilder().WithTopicFilter($"$share/ingest/{topic}", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await PublishAsync(servers.MosquittoPort, topic, "shared");

        Assert.Equal("shared", await received.WaitAsync(Patience));
    }

    // InfluxDB fsyncs each write before its 204 (wal-fsync-delay 0s): a kill loses nothing answered.
    [Fact]
    public async Task A_private_InfluxDB_keeps_an_acknowledged_point_when_killed_and_started_again()
    {
        await using var influxDb = await InfluxDbServer.LaunchAsync();
        using var influxQl = new InfluxQl(influxDb.Url);
        using var writer = new InfluxV1Writer(influxDb.Url);
        await influxQl.CreateDatabaseAsync("fault");
        await writer.WriteAsync("fault", "air pm25=7 1764318600000", precision: "ms");

        await influxDb.KillAsync();
        Assert.False(influxDb.IsRunning);
        Assert.False(await ReadinessProbes.InfluxDbPingAsync(influxDb.HttpPort, CancellationToken.None));
        await influxDb.StartAsync();

        var row = Assert.Single(Assert.Single(await influxQl.QueryAsync("fault", "SELECT pm25 FROM air")).Rows);
        Assert.Equal(1764318600000, row["time"].GetInt64());
    }

    // Mosquitto saves sessions and queued messages on a clean stop: an offline ingest gets them later.
    [Fact]
    public async Task A_private_Mosquitto_keeps_a_message_queued_for_an_offline_subscriber_across_a_restart()
    {
        await using var mosquitto = await MosquittoServer.LaunchAsync();
        var topic = "pontive/smoke/queued";
        var factory = new MqttClientFactory();
        var persistentSession = new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoServer.Host, mosquitto.Port)
            .WithClientId("smoke-offline-subscriber")
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        using var subscriber = factory.CreateMqttClient();
        await subscriber.ConnectAsync(persistentSession);
        await subscriber.SubscribeAsync(
            factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await subscriber.DisconnectAsync();
        await PublishAsync(mosquitto.Port, topic, "queued while offline");

        await mosquitto.RestartAsync();
        var received = ReceiveOne(subscriber);
        var reconnected = await subscriber.ConnectAsync(persistentSession);

        Assert.True(reconnected.IsSessionPresent);
        Assert.Equal("queued while offline", await received.WaitAsync(Patience));
    }

    // The port answers (our listener accepts connections), but not from the server we started:
    // the start must fail with the server's own words, not pass because the probe got an answer.
    [Fact]
    public async Task A_server_that_cannot_bind_its_port_fails_to_start_with_its_log()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var folder = Directory.CreateTempSubdirectory("pontive-smoke-").FullName;
        try
        {
            var config = Path.Combine(folder, "mosquitto.conf");
            ServerTemplate.Render("mosquitto.conf.template", config, new Dictionary<string, string>
            {
                ["DIR"] = folder,
                ["PORT"] = $"{port}",
                ["USER"] = Environment.UserName,
            });
            using var mosquitto = new ServerProcess(
                "mosquitto",
                ServerExecutable.Find("mosquitto", "mosquitto"),
                ["-c", config],
                Path.Combine(folder, "mosquitto.log"),
                port,
                ReadinessProbes.TcpPortOpenAsync);

            var failure = await Assert.ThrowsAsync<ServerStartException>(() => mosquitto.StartAsync(Patience, CancellationToken.None));

            Assert.True(failure.PortTaken);
            Assert.Contains("Address already in use", failure.Message, StringComparison.Ordinal);
            Assert.False(mosquitto.IsRunning);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static MqttClientOptions ClientOptions(int port, string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer(MosquittoServer.Host, port).WithClientId(clientId).Build();

    private static Task<string> ReceiveOne(IMqttClient subscriber)
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += message =>
        {
            received.TrySetResult(message.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        return received.Task;
    }

    private static async Task PublishAsync(int port, string topic, string payload)
    {
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(ClientOptions(port, "smoke-publisher-" + Guid.NewGuid().ToString("N")));
        var result = await publisher.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.True(result.IsSuccess, result.ReasonString);
        await publisher.DisconnectAsync();
    }
}
