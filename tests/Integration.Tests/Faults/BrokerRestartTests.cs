using System.Globalization;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// The city's broker restarts mid-flow: agent process → a private Mosquitto (persistence on) → Ingest as its client
/// (fixed client id, hour-long session) → InfluxDB. Deposits must all arrive exactly once either way: the agent
/// sends again whatever the city has not acknowledged (after 3 s here).
/// <para>
/// Telemetry is another matter. Mosquitto writes its persistence file on a clean stop and every autosave_interval
/// (30 minutes), not per message. A clean restart keeps Ingest's session and the messages queued for it; a SIGKILL
/// loses every message that had reached Mosquitto (so the agent already deleted it, on Mosquitto's PUBACK) but not yet
/// Ingest, and with Ingest's session gone, whatever the agent publishes after its own reconnection and before Ingest
/// subscribes again goes nowhere. Telemetry has no end-to-end acknowledgement, by design (it is not money): that loss
/// is measured and reported, not asserted away.
/// </para>
/// </summary>
[Collection(RealServers.Collection)]
public sealed class BrokerRestartTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deposits = 200;
    private const int StoredBeforeRestart = 60;

    private readonly string _database = InfluxQl.NewDatabaseName("fault_broker");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task A_broker_restarted_cleanly_mid_flow_loses_and_duplicates_nothing()
    {
        await RunAsync(
            "mosquitto-restart",
            "bank-fault-broker-term",
            mosquitto => mosquitto.RestartAsync(),
            "Mosquitto stopped with SIGTERM (saves its sessions) and started again",
            (deposits, telemetry) =>
            {
                FaultAssert.EveryDepositStoredOnce(deposits);
                FaultAssert.NothingLostOrDuplicated(telemetry);
            });
    }

    [Fact]
    public async Task A_broker_killed_mid_flow_loses_no_deposit_and_reports_what_telemetry_it_lost()
    {
        await RunAsync(
            "mosquitto-sigkill",
            "bank-fault-broker-kill",
            async mosquitto =>
            {
                await mosquitto.KillAsync();
                await mosquitto.StartAsync();
            },
            "Mosquitto SIGKILLed and started again (nothing saved since its start: telemetry in its queues is lost)",
            (deposits, telemetry) =>
            {
                FaultAssert.EveryDepositStoredOnce(deposits);
                Assert.True(telemetry.Published > 0 && telemetry.Duplicated == 0, telemetry.ToString());
            });
    }

    // Created up front, so the counting queries never meet a database Ingest has not created yet.
    public Task InitializeAsync() => _influx.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private async Task RunAsync(string name, string site, Func<MosquittoServer, Task> restart, string note, Action<DeliveryCount, DeliveryCount> assert)
    {
        await using var scenario = new FaultScenario(name, output);
        var mosquitto = scenario.Own("mosquitto", await MosquittoServer.LaunchAsync());
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["Broker:Mode"] = "External",
            ["Broker:Host"] = MosquittoServer.Host,
            ["Broker:Port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture),
            ["Broker:ClientId"] = $"ingest-{site}",
            ["Broker:SessionExpiry"] = "01:00:00",
            ["Broker:ReconnectDelayMax"] = "00:00:01",
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        var midFlow = ingest.StoredDepositsAsync(site, StoredBeforeRestart);
        var agent = scenario.Agent(AgentProcess.Device(site, "scale-01", mosquitto.Port, operatorInterval: TimeSpan.FromMilliseconds(30), depositsPerRun: Deposits));
        await agent.StartAsync();

        await midFlow;
        await restart(mosquitto);
        scenario.Say($"broker restarted with {AgentLedger.Read(agent.DatabasePath)}");

        await agent.UntilDepositsStoredAsync(Deposits);
        var outcome = await agent.StopAndCountAsync(_influx, _database, site);
        scenario.Report(note, outcome);
        assert(outcome.Deposits, outcome.Telemetry);
        scenario.Passed();
    }
}
