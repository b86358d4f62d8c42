using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// A crash at the waste bank: the agent process is SIGKILLed while its emulated operator records a deposit every
/// 25 ms and four sensors sample every second, so nearly every kill lands in or between outbox transactions. Started
/// again on the same data folder, it must lose nothing it had recorded and send nothing twice.
/// <para>
/// What a SIGKILL does not test: the operating system's page cache survives it, so a write SQLite had handed to the
/// kernel but not yet synced is still there afterwards. Only cutting a real board's power tests that the outbox's
/// synchronous=FULL reaches the card; here the process's own half-done transactions are what is tested.
/// </para>
/// </summary>
[Collection(RealServers.Collection)]
public sealed class AgentPowerCutTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int DepositsPerRun = 120;

    private readonly string _database = InfluxQl.NewDatabaseName("fault_agent_kill");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task An_agent_killed_again_and_again_while_writing_its_outbox_loses_and_duplicates_nothing()
    {
        const string site = "bank-fault-power-cut";
        await using var scenario = new FaultScenario("agent-sigkill", output);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        var agent = scenario.Agent(AgentProcess.Device(site, "scale-01", ingest.BrokerPort, operatorInterval: TimeSpan.FromMilliseconds(25), depositsPerRun: DepositsPerRun));

        // Each run is killed once the ledger has grown by this many deposits since the run started: the first before
        // the agent has even connected, the others at varied depths of recording, sending and resending.
        int[] killAfterDeposits = [2, 37, 81, 14, 55];
        foreach (var grown in killAfterDeposits)
        {
            var before = AgentLedger.Read(agent.DatabasePath).Deposits.Count;
            await agent.StartAsync();
            await Polling.UntilAsync(
                () => AgentLedger.Read(agent.DatabasePath).Deposits.Count >= before + grown,
                () => AgentLedger.Read(agent.DatabasePath).ToString(),
                $"{grown} deposits more than {before}");
            Assert.Equal(ServiceProcess.KilledExitCode, await agent.KillAsync());
            var afterKill = AgentLedger.Read(agent.DatabasePath, checkIntegrity: true);
            Assert.Equal("ok", afterKill.IntegrityCheck);
            scenario.Say($"killed after {grown} more deposits: {afterKill}");
        }

        // The last run records its deposits in full and delivers the whole backlog.
        var recordedBeforeLastRun = AgentLedger.Read(agent.DatabasePath).Deposits.Count;
        await agent.StartAsync();
        await agent.UntilDepositsStoredAsync(recordedBeforeLastRun + DepositsPerRun);
        var outcome = await agent.StopAndCountAsync(_influx, _database, site);

        scenario.Report($"{killAfterDeposits.Length} SIGKILLs of the agent (deposit every 25 ms, 4 sensors at 1 s), embedded broker", outcome);
        FaultAssert.EveryDepositStoredOnce(outcome.Deposits);
        FaultAssert.NothingLostOrDuplicated(outcome.Telemetry);
        scenario.Passed();
    }

    // Created up front, so the counting queries never meet a database Ingest has not created yet.
    public Task InitializeAsync() => _influx.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }
}
