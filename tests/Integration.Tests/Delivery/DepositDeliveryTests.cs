using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Delivery;

/// <summary>
/// A deposit is money: recorded on the device while the city is out of reach, it arrives once the broker returns,
/// the city acknowledges it as stored, and InfluxDB holds it exactly once.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class DepositDeliveryTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("delivery_deposits");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task Deposits_recorded_while_the_broker_is_unreachable_are_stored_once_and_acknowledged_when_it_returns()
    {
        const string site = "bank-delivery-offline";
        var brokerPort = FreePort.Next();
        await using var network = new TcpCutProxy(brokerPort, startCut: true);
        var settings = AgentUnderTest.ParkWithSteadyWeather(site, network.Port);
        settings["Agent:Device"] = "scale-01";
        var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await AgentUnderTest.StartAsync(output, settings, beforeStart: a => a.Service<BrokerConnection>().ReconnectScheduled += _ => retrying.TrySetResult());
        var recorder = agent.Service<DepositRecorder>();
        var ledger = agent.Service<DepositOutbox>();

        var recorded = new[]
        {
            recorder.Record(Deposits.Of("A-0042", "plastic-pet", 2.345m, 3000)),
            recorder.Record(Deposits.Of("A-0042", "cardboard", 5.100m, 1500)),
            recorder.Record(Deposits.Of("B-0007", "plastic-pet", 0.750m, 3000)),
        };
        Assert.All(recorded, d => Assert.Equal(DepositState.Waiting, ledger.Find(d.Id)!.State));

        // The agent's first attempt fails on the cut link and it schedules the next one on its (fake) clock.
        await retrying.Task.WaitAsync(IngestWaits.Patience);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["Broker:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        var stored = ledger.AllInStateAsync([.. recorded.Select(d => d.Id)], DepositState.Stored);
        network.Restore();
        agent.Time.Advance(TimeSpan.FromMinutes(3));
        await stored;

        var rows = await _influx.RowsAsync(_database, "deposit");
        Assert.Equal(3, rows.Count);
        foreach (var deposit in recorded)
        {
            var row = Assert.Single(rows, r => r["deposit_id"].GetString() == deposit.Id);
            Assert.Equal(deposit.T.ToUnixTimeMilliseconds(), row["time"].GetInt64());
            Assert.Equal((double)deposit.MassKg, row["mass_kg"].GetDouble());
            Assert.Equal(deposit.ValueIdr, row["value_idr"].GetInt64());
            Assert.Equal(deposit.Member, row["member"].GetString());
        }

        Assert.Equal([7035L, 7650L, 2250L], recorded.Select(d => d.ValueIdr));
    }

    [Fact]
    public async Task A_deposit_whose_acknowledgement_was_lost_is_sent_again_and_still_stored_once()
    {
        const string site = "bank-delivery-resend";
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        var settings = AgentUnderTest.ParkWithSteadyWeather(site, ingest.BrokerPort);
        settings["Agent:Device"] = "scale-01";
        settings["Outbox:DepositAckTimeout"] = "00:05:00";
        await using var agent = await AgentUnderTest.StartAsync(output, settings);
        var ledger = agent.Service<DepositOutbox>();
        var sentOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // An observer on the device's ack topic proves the city acknowledged; the test then pretends the ack never came.
        await using var observer = await TestMqttClient.ConnectAsync(ingest.BrokerPort, "ack-observer");
        await observer.SubscribeAsync($"pontive/v1/{site}/scale-01/ack");
        var deposit = agent.Service<DepositRecorder>().Record(Deposits.Of("C-0100", "metal-aluminium", 1.234m, 12000));
        await observer.NextAsync();
        await ledger.AllInStateAsync([deposit.Id], DepositState.Stored);
        ForgetAcknowledgement(agent, deposit.Id);
        Assert.Equal(DepositState.Sent, ledger.Find(deposit.Id)!.State);

        // After the acknowledgement timeout, the agent sends it again; the city stores nothing new and acknowledges again.
        // (The acknowledgement may overtake the broker's PUBACK, so wait for both: stored, and counted as sent twice.)
        var storedAgain = ledger.UntilAsync(
            () => ledger.Find(deposit.Id) is { State: DepositState.Stored, Sends: 2 },
            () => ledger.Find(deposit.Id)?.ToString() ?? "nothing");
        agent.Time.Advance(TimeSpan.FromMinutes(6));
        await storedAgain;
        var row = Assert.Single(await _influx.RowsAsync(_database, "deposit"));
        Assert.Equal(deposit.Id, row["deposit_id"].GetString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    /// <summary>Puts a stored deposit back to "sent", as if its acknowledgement had been lost on the way.</summary>
    private static void ForgetAcknowledgement(AgentUnderTest agent, string depositId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={agent.Service<AgentDatabase>().FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE deposit_outbox SET state = 1, stored_at_ms = NULL WHERE deposit_id = $id;";
        command.Parameters.AddWithValue("$id", depositId);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
