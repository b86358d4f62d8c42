using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// Ingest dies at the worst moment: InfluxDB has accepted a batch and nobody has been told (FaultInjection:KillAfterWrites
/// SIGKILLs the process right after the write, before any PUBACK, broker acknowledgement or deposit ack). Twice, then it
/// is started without the fault. What was written is sent again and written again, which changes nothing in InfluxDB.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class IngestKillTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deposits = 200;

    /// <summary>Each run of Ingest dies after this many successful writes; the last run has no fault.</summary>
    private static readonly int[] KillAfterWrites = [5, 20];

    private readonly string _database = InfluxQl.NewDatabaseName("fault_ingest_kill");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task Ingest_with_its_embedded_broker_killed_between_write_and_acknowledgement_loses_and_duplicates_nothing()
    {
        const string site = "bank-fault-ingest-kill";
        await using var scenario = new FaultScenario("ingest-sigkill-embedded", output);
        var ingest = scenario.Ingest(IngestProcess.WithEmbeddedBroker(scenario.Folder, servers.InfluxDbUrl, _database));

        await RunAsync(scenario, site, ingest, brokerPort: ingest.BrokerPort, "embedded broker (device PUBACK after the write)");
    }

    [Fact]
    public async Task Ingest_behind_Mosquitto_killed_between_write_and_acknowledgement_loses_and_duplicates_nothing()
    {
        const string site = "bank-fault-ingest-kill-mq";
        await using var scenario = new FaultScenario("ingest-sigkill-mosquitto", output);
        var mosquitto = scenario.Own("mosquitto", await MosquittoServer.LaunchAsync());
        var ingest = scenario.Ingest(IngestProcess.WithExternalBroker(scenario.Folder, mosquitto.Port, $"ingest-{site}", servers.InfluxDbUrl, _database));

        await RunAsync(
            scenario,
            site,
            ingest,
            brokerPort: mosquitto.Port,
            "Mosquitto, Ingest's persistent session (manual ack after the write)",
            subscribed: () => ProveSubscribedAsync(mosquitto.Port, $"{site}-probe"));
    }

    // Created up front, so the counting queries never meet a database Ingest has not created yet.
    public Task InitializeAsync() => _influx.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    /// <summary>
    /// Starts Ingest again. With the device's backlog waiting, the next fault can fire before the harness has seen the
    /// restarted Ingest answer /health: that is the next kill arriving early, which the loop then checks as any other.
    /// </summary>
    private static async Task RestartAsync(IngestProcess ingest)
    {
        try
        {
            await ingest.StartAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            // Killed by the fault already, possibly before its exit was noticed (/health refused first): its exit code is
            // asserted at the top of the loop. A start that failed while the process lives on is a real failure.
            var exited = ingest.Process.Exited;
            if (await Task.WhenAny(exited, Task.Delay(Polling.Patience)) != exited)
            {
                throw;
            }
        }
    }

    private async Task RunAsync(FaultScenario scenario, string site, IngestProcess ingest, int brokerPort, string note, Func<Task>? subscribed = null)
    {
        ingest.Settings["FaultInjection:KillAfterWrites"] = KillAfterWrites[0].ToString(CultureInfo.InvariantCulture);
        await ingest.StartAsync();
        if (subscribed is not null)
        {
            await subscribed();
        }

        var agent = scenario.Agent(AgentProcess.Device(site, "scale-01", brokerPort, operatorInterval: TimeSpan.FromMilliseconds(30), depositsPerRun: Deposits));
        await agent.StartAsync();

        var windows = new List<string>();
        for (var run = 0; run < KillAfterWrites.Length; run++)
        {
            // Only the fault kills it (the test does not): exit code 137 is the fault's SIGKILL. Its log line announcing
            // the kill usually does not make it out: the console logger writes from a queue the kill cuts short.
            var exitCode = await ingest.Process.Exited.WaitAsync(Polling.Patience);
            Assert.Equal(ServiceProcess.KilledExitCode, exitCode);

            // The proof that the kill hit the window: deposits already in InfluxDB that the device was never told about.
            var inInflux = (await DeliveryCounter.DepositIdsAsync(_influx, _database, site)).ToHashSet(StringComparer.Ordinal);
            var unacknowledged = AgentLedger.Read(agent.DatabasePath).Deposits.Count(d => inInflux.Contains(d.Id) && d.State != DepositState.Stored);
            windows.Add($"{unacknowledged} deposit(s) stored but unacknowledged at kill {run + 1}");
            scenario.Say($"Ingest killed after {KillAfterWrites[run]} writes: {windows[^1]}; device: {AgentLedger.Read(agent.DatabasePath)}");

            ingest.Settings["FaultInjection:KillAfterWrites"] = run + 1 < KillAfterWrites.Length ? KillAfterWrites[run + 1].ToString(CultureInfo.InvariantCulture) : "0";
            await RestartAsync(ingest);
        }

        await agent.UntilDepositsStoredAsync(Deposits);
        var outcome = await agent.StopAndCountAsync(_influx, _database, site);

        scenario.Report($"Ingest SIGKILLed after {string.Join(" then ", KillAfterWrites)} writes, before acknowledging; {note}; {string.Join(", ", windows)}", outcome);
        FaultAssert.EveryDepositStoredOnce(outcome.Deposits);
        FaultAssert.NothingLostOrDuplicated(outcome.Telemetry);
        scenario.Passed();
    }

    /// <summary>
    /// Ingest logs its connection before it subscribes; only a message that comes through proves the subscription is
    /// in place (and, with a persistent session, stays in place while Ingest is down).
    /// </summary>
    private async Task ProveSubscribedAsync(int brokerPort, string probeSite)
    {
        await using var probe = await TestMqttClient.ConnectAsync(brokerPort, $"probe-{Guid.NewGuid():N}");
        var status = new StatusMessage { T = DateTimeOffset.UtcNow, State = StatusMessage.Online };
        await probe.PublishAsync(DeviceTopic.Build(probeSite, "probe-01", DeviceChannel.Status), System.Text.Encoding.UTF8.GetString(PayloadEncoder.Encode(status)));
        await Polling.UntilAsync(
            async () => (await _influx.QueryAsync(_database, $"SELECT \"state\" FROM \"device_status\" WHERE \"site\" = '{probeSite}'")).Any(s => s.Rows.Count > 0),
            () => Task.FromResult("no status of the probe in InfluxDB"),
            "Ingest to store a probe message");
    }
}
